;; A component whose second core module traps in its start function: instantiation
;; fails at an initializer, which the post-mortem names.
(component
  (core module $ok (memory (export "memory") 1))
  (core instance $ok (instantiate $ok))
  (core module $bad
    (func $start unreachable)
    (start $start)
    (func (export "f") (result i32) (i32.const 1)))
  (core instance $bad (instantiate $bad))
  (func (export "f") (result u32) (canon lift (core func $bad "f")))
)
