;; A provider of 05b-import-host's `test:host/env` for `link`: add(a, b) = a + b, and
;; log(msg) keeps the message's length (a guest cannot print).
(component
  (core module $m
    (memory (export "memory") 1)
    (global $last-length (mut i32) (i32.const 0))
    ;; Strings are copied to address 1024; one message at a time is enough.
    (func (export "realloc") (param i32 i32 i32 i32) (result i32) (i32.const 1024))
    (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
    (func (export "log") (param $ptr i32) (param $len i32) (global.set $last-length (local.get $len))))
  (core instance $i (instantiate $m))
  (func $add (param "a" u32) (param "b" u32) (result u32) (canon lift (core func $i "add")))
  (func $log (param "msg" string)
    (canon lift (core func $i "log") (memory (core memory $i "memory")) (realloc (core func $i "realloc"))))
  (instance $env (export "add" (func $add)) (export "log" (func $log)))
  (export "test:host/env" (instance $env))
  (export "env-v2" (instance $env))
)
