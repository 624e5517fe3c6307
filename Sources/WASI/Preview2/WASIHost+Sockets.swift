import ComponentRuntime
import CoreRuntime

/// wasi:sockets, present so that components importing it link, with the network denied:
/// no socket can be made (`access-denied`), no name resolved, and the socket methods,
/// unreachable without a socket, answer `not-supported`.
extension WASIHost {
    func registerSockets(_ root: LinkerNamespace) {
        let network = interface("wasi:sockets/network", in: root)
        // Socket failures never make a wasi:io error, so none has a socket error code.
        network.function("network-error-code") { _ in [.option(nil)] }
        let networkType = statelessType("network")
        network.resource("network", networkType)
        interface("wasi:sockets/instance-network", in: root).function("instance-network") { _ in [self.newStateless(networkType)] }

        let denied: HostComponentFunction = { _ in [.err(.enum("access-denied"))] }
        interface("wasi:sockets/tcp-create-socket", in: root).function("create-tcp-socket", denied)
        interface("wasi:sockets/udp-create-socket", in: root).function("create-udp-socket", denied)

        let tcp = interface("wasi:sockets/tcp", in: root)
        unsupportedResource(tcp, "tcp-socket", [
            "start-bind", "finish-bind", "start-connect", "finish-connect", "start-listen", "finish-listen", "accept",
            "local-address", "remote-address", "set-listen-backlog-size", "keep-alive-enabled", "set-keep-alive-enabled",
            "keep-alive-idle-time", "set-keep-alive-idle-time", "keep-alive-interval", "set-keep-alive-interval",
            "keep-alive-count", "set-keep-alive-count", "hop-limit", "set-hop-limit", "receive-buffer-size",
            "set-receive-buffer-size", "send-buffer-size", "set-send-buffer-size", "shutdown",
        ])
        tcp.function("[method]tcp-socket.is-listening") { _ in [.bool(false)] }
        tcp.function("[method]tcp-socket.address-family") { _ in [.enum("ipv4")] }

        let udp = interface("wasi:sockets/udp", in: root)
        unsupportedResource(udp, "udp-socket", [
            "start-bind", "finish-bind", "stream", "local-address", "remote-address", "unicast-hop-limit",
            "set-unicast-hop-limit", "receive-buffer-size", "set-receive-buffer-size", "send-buffer-size", "set-send-buffer-size",
        ])
        udp.function("[method]udp-socket.address-family") { _ in [.enum("ipv4")] }
        unsupportedResource(udp, "incoming-datagram-stream", ["receive"])
        unsupportedResource(udp, "outgoing-datagram-stream", ["check-send", "send"])

        let lookup = interface("wasi:sockets/ip-name-lookup", in: root)
        lookup.function("resolve-addresses", denied)
        unsupportedResource(lookup, "resolve-address-stream", ["resolve-next-address"])
    }

    /// A resource whose listed methods all answer `err(not-supported)`, and whose
    /// `subscribe` gives a pollable that is ready at once.
    private func unsupportedResource(_ ns: LinkerNamespace, _ name: String, _ methods: [String]) {
        ns.resource(name, statelessType(name))
        for m in methods {
            ns.function("[method]\(name).\(m)") { _ in [.err(.enum("not-supported"))] }
        }
        ns.function("[method]\(name).subscribe") { _ in [self.newPollable(.ready)] }
    }
}
