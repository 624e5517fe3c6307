;; A small component to learn the component model with `loupe examples/greeter.wat`.
;;
;; WIT of what it exports and imports:
;;   import example:greeter/clock { now: func() -> u64 }      (nobody provides it: stub it)
;;   export greet: func(name: string) -> string               strings through memory + realloc
;;   export stamp: func() -> u64                               calls the imported clock
;;   record point { x: s32, y: s32 }
;;   export add: func(a: point, b: point) -> point             a record, results spilled to memory
;;   variant shape { circle(f64), square(f64), dot }
;;   export area: func(s: shape) -> f64                        a variant, flattened
;;   resource counter { constructor(start: u32); increment: func(by: u32) -> u32; get: func() -> u32 }
(component
  (import "example:greeter/clock" (instance $clock
    (export "now" (func (result u64)))))
  (core func $now (canon lower (func $clock "now")))

  ;; Memory, a bump allocator and the counters' storage. The destructor lives here so
  ;; that the resource type can name it before the main module exists.
  (core module $base
    (memory (export "memory") 1)
    (global $heap (export "heap") (mut i32) (i32.const 1024))
    (global $live (export "live") (mut i32) (i32.const 0))
    ;; cabi_realloc(old, old_size, align, new_size) -> ptr: never frees, never moves.
    (func (export "realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $size i32) (result i32)
      (local $p i32)
      (local.set $p (i32.and (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
                             (i32.sub (i32.const 0) (local.get $align))))
      (global.set $heap (i32.add (local.get $p) (local.get $size)))
      (local.get $p))
    (func (export "dtor") (param $rep i32)
      (global.set $live (i32.sub (global.get $live) (i32.const 1)))))
  (core instance $base (instantiate $base))

  (type $counter (resource (rep i32) (dtor (core func $base "dtor"))))
  (core func $counter-new (canon resource.new $counter))

  (core module $main
    (import "base" "memory" (memory 1))
    (import "base" "realloc" (func $realloc (param i32 i32 i32 i32) (result i32)))
    (import "base" "live" (global $live (mut i32)))
    (import "clock" "now" (func $now (result i64)))
    (import "counter" "new" (func $counter-new (param i32) (result i32)))
    (data (i32.const 0) "Hello, ")
    ;; greet(ptr, len) -> pointer to (ptr, len) of "Hello, NAME!"
    (func (export "greet") (param $ptr i32) (param $len i32) (result i32)
      (local $out i32)
      (local.set $out (call $realloc (i32.const 0) (i32.const 0) (i32.const 1) (i32.add (local.get $len) (i32.const 8))))
      (memory.copy (local.get $out) (i32.const 0) (i32.const 7))
      (memory.copy (i32.add (local.get $out) (i32.const 7)) (local.get $ptr) (local.get $len))
      (i32.store8 (i32.add (local.get $out) (i32.add (local.get $len) (i32.const 7))) (i32.const 33))
      (i32.store (i32.const 512) (local.get $out))
      (i32.store (i32.const 516) (i32.add (local.get $len) (i32.const 8)))
      (i32.const 512))
    (func (export "stamp") (result i64)
      (i64.add (call $now) (i64.const 1000)))
    ;; add(ax, ay, bx, by) -> pointer to (x, y)
    (func (export "add") (param $ax i32) (param $ay i32) (param $bx i32) (param $by i32) (result i32)
      (i32.store (i32.const 520) (i32.add (local.get $ax) (local.get $bx)))
      (i32.store (i32.const 524) (i32.add (local.get $ay) (local.get $by)))
      (i32.const 520))
    ;; area(case, payload): 0 circle(r), 1 square(side), 2 dot
    (func (export "area") (param $case i32) (param $x f64) (result f64)
      (if (result f64) (i32.eqz (local.get $case))
        (then (f64.mul (f64.const 3.141592653589793) (f64.mul (local.get $x) (local.get $x))))
        (else (if (result f64) (i32.eq (local.get $case) (i32.const 1))
          (then (f64.mul (local.get $x) (local.get $x)))
          (else (f64.const 0))))))
    ;; A counter is 4 bytes of heap; its handle comes from resource.new.
    (func (export "counter-new") (param $start i32) (result i32)
      (local $p i32)
      (local.set $p (call $realloc (i32.const 0) (i32.const 0) (i32.const 4) (i32.const 4)))
      (i32.store (local.get $p) (local.get $start))
      (global.set $live (i32.add (global.get $live) (i32.const 1)))
      (call $counter-new (local.get $p)))
    (func (export "counter-increment") (param $self i32) (param $by i32) (result i32)
      (i32.store (local.get $self) (i32.add (i32.load (local.get $self)) (local.get $by)))
      (i32.load (local.get $self)))
    (func (export "counter-get") (param $self i32) (result i32)
      (i32.load (local.get $self))))
  (core instance $main (instantiate $main
    (with "base" (instance $base))
    (with "clock" (instance (export "now" (func $now))))
    (with "counter" (instance (export "new" (func $counter-new))))))

  (type $point' (record (field "x" s32) (field "y" s32)))
  (export $point "point" (type $point'))
  (type $shape' (variant (case "circle" f64) (case "square" f64) (case "dot")))
  (export $shape "shape" (type $shape'))
  (export $c "counter" (type $counter))

  (func (export "greet") (param "name" string) (result string)
    (canon lift (core func $main "greet") (memory (core memory $base "memory")) (realloc (core func $base "realloc"))))
  (func (export "stamp") (result u64) (canon lift (core func $main "stamp")))
  (func (export "add") (param "a" $point) (param "b" $point) (result $point)
    (canon lift (core func $main "add") (memory (core memory $base "memory"))))
  (func (export "area") (param "s" $shape) (result f64) (canon lift (core func $main "area")))
  (func (export "[constructor]counter") (param "start" u32) (result (own $c))
    (canon lift (core func $main "counter-new")))
  (func (export "[method]counter.increment") (param "self" (borrow $c)) (param "by" u32) (result u32)
    (canon lift (core func $main "counter-increment")))
  (func (export "[method]counter.get") (param "self" (borrow $c)) (result u32)
    (canon lift (core func $main "counter-get")))
)
