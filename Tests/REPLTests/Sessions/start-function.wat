;; A component whose core module has a start function that fills a table of squares,
;; for stepping into core wasm during instantiation.
(component
  (core module $squares
    (memory (export "memory") 1)
    (func $fill (local $i i32)
      (loop $next
        (i32.store (i32.mul (local.get $i) (i32.const 4))
                   (call $square (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $next (i32.lt_u (local.get $i) (i32.const 8)))))
    (func $square (param $n i32) (result i32)
      (i32.mul (local.get $n) (local.get $n)))
    (func (export "square-at") (param $i i32) (result i32)
      (i32.load (i32.mul (local.get $i) (i32.const 4))))
    (start $fill))
  (core instance $i (instantiate $squares))
  (func (export "square-at") (param "i" u32) (result u32)
    (canon lift (core func $i "square-at"))))
