/// Hands a value that is not `Sendable` to a thread that uses it while its sender does not
/// (the caller says why that holds where it makes one).
struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
