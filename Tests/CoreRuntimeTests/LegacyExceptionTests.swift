import CoreRuntime
import Testing

/// Legacy exception handling (`try`/`catch`/`catch_all`/`rethrow`/`delegate`), which the
/// core-proposals suite exercises without `delegate` to outer labels: where a delegated
/// exception goes, and which exception a `rethrow` throws again.
@Suite struct LegacyExceptionTests {
    static let wat = """
    (module
      (tag $e (param i32))
      (func (export "d1") (result i32)
        (try (result i32)
          (do
            (try (result i32)
              (do (try (result i32) (do (throw $e (i32.const 5))) (delegate 1)))
              (catch $e (i32.add (i32.const 100)))))
          (catch $e (i32.add (i32.const 1000)))))
      (func (export "d0") (result i32)
        (try (result i32)
          (do
            (try (result i32)
              (do (try (result i32) (do (throw $e (i32.const 5))) (delegate 0)))
              (catch $e (i32.add (i32.const 100)))))
          (catch $e (i32.add (i32.const 1000)))))
      (func $inner (result i32)
        (try (result i32) (do (throw $e (i32.const 7))) (delegate 0)))
      (func (export "dfn") (result i32)
        (try (result i32) (do (call $inner)) (catch $e (i32.add (i32.const 10)))))
      (func (export "dblock") (result i32)
        (try (result i32)
          (do
            (block (result i32)
              (try (result i32)
                (do (try (result i32) (do (throw $e (i32.const 3))) (delegate 1)))
                (catch $e (i32.add (i32.const 100))))))
          (catch $e (i32.add (i32.const 1000)))))
      (func (export "rethrow-nested") (result i32)
        (try (result i32)
          (do
            (try (result i32)
              (do (throw $e (i32.const 1)))
              (catch $e
                (drop)
                (try (result i32)
                  (do (throw $e (i32.const 2)))
                  (catch $e (drop) (rethrow 1))))))
          (catch $e)))
      (func $clobber (param i32) (result i32) (local i64 i64 i64 i64)
        (local.set 1 (i64.const -1)) (local.set 2 (i64.const -1)) (local.set 3 (i64.const -1))
        (local.get 0))
      (func (export "call-then-rethrow") (result i32)
        (try (result i32)
          (do (try (result i32)
                (do (throw $e (i32.const 4)))
                (catch_all (drop (call $clobber (i32.const 1))) (rethrow 0))))
          (catch $e)))
      (func (export "delegate-to-try-table") (result i32)
        (block $h
          (try_table (catch_all $h)
            (block (try (do (throw $e (i32.const 1))) (delegate 0)))))
        (i32.const 42))
      (func (export "catch-all-rethrow") (result i32)
        (try (result i32)
          (do (try (result i32) (do (throw $e (i32.const 9))) (catch_all (rethrow 0))))
          (catch $e)))
    )
    """

    @Test(arguments: [
        ("d1", 1005),               // delegate 1 skips the middle try's catch
        ("d0", 105),                // delegate 0 lands in the middle try's catch
        ("dfn", 17),                // delegate to the function's label: on to the caller
        ("dblock", 1003),           // delegate to a block: the try outside it catches
        ("rethrow-nested", 1),      // rethrow 1 throws the outer catch's exception again
        ("catch-all-rethrow", 9),   // catch_all keeps the exception for rethrow
        ("call-then-rethrow", 4),   // a call in the catch block leaves it alone
        ("delegate-to-try-table", 42),  // a try_table around the label catches it
    ])
    func exceptionsGoWhereTheSpecSays(_ export: String, _ expected: UInt32) throws {
        let (_, instance) = try instantiate(Self.wat)
        #expect(try instance.function(export)!.call([]) == [.i32(expected)])
    }
}
