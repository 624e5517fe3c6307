;; A component whose `spin` never returns: Ctrl-C must interrupt it.
(component
  (core module $m
    (func (export "spin") (loop $forever (br $forever)))
    (func (export "one") (result i32) (i32.const 1)))
  (core instance $i (instantiate $m))
  (func (export "spin") (canon lift (core func $i "spin")))
  (func (export "one") (result u32) (canon lift (core func $i "one")))
)
