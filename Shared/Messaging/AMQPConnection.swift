import CRabbitMQ
import CRabbitMQShim
import Foundation
import Logging

/// One connection to RabbitMQ with one channel, over rabbitmq-c.
///
/// rabbitmq-c connections are not thread-safe and every call blocks: an `AMQPConnection`
/// belongs to exactly one thread (a consumer loop, a relay), never to Swift's cooperative
/// pool. It does not reconnect by itself: on an error whose `requiresReconnect` is true the
/// owner closes it and builds a new one (see `ReconnectingConnection`).
public final class AMQPConnection {
    public let configuration: BrokerConfiguration
    public let name: String
    private let logger: Logger
    private var state: amqp_connection_state_t?
    private let channel: amqp_channel_t = 1
    private var confirmsEnabled = false
    /// Publish sequence number of the last message sent on this channel (confirm tags start at 1).
    private var publishSequence: UInt64 = 0
    private var unconfirmed = Set<UInt64>()
    private var nackedCount = 0
    private var returnedCount = 0

    /// Opens the socket, logs in (announcing `consumer_cancel_notify` so a deleted queue
    /// cancels our consumer instead of silently starving it) and opens channel 1.
    public init(configuration: BrokerConfiguration, name: String, logger: Logger) throws(MessagingError) {
        self.configuration = configuration
        self.name = name
        self.logger = logger
        guard let state = amqp_new_connection() else { throw .connectionFailed("cannot allocate a connection") }
        self.state = state
        do {
            try open(state)
        } catch {
            amqp_destroy_connection(state)
            self.state = nil
            throw error
        }
    }

    deinit { close() }

    private func open(_ state: amqp_connection_state_t) throws(MessagingError) {
        let socket: OpaquePointer?
        if let tls = configuration.tls {
            socket = amqp_ssl_socket_new(state)
            guard let socket else { throw .connectionFailed("cannot create a TLS socket") }
            if let ca = tls.caCertificateFile, amqp_ssl_socket_set_cacert(socket, ca) != AMQP_STATUS_OK.rawValue {
                throw .invalidConfiguration("cannot read the CA certificate file")
            }
            if let cert = tls.certificateFile, let key = tls.keyFile,
                amqp_ssl_socket_set_key(socket, cert, key) != AMQP_STATUS_OK.rawValue
            {
                throw .invalidConfiguration("cannot read the client certificate or key")
            }
            amqp_ssl_socket_set_verify_peer(socket, tls.verifyPeer ? 1 : 0)
            amqp_ssl_socket_set_verify_hostname(socket, tls.verifyPeer ? 1 : 0)
        } else {
            socket = amqp_tcp_socket_new(state)
        }
        guard let socket else { throw .connectionFailed("cannot create a socket") }
        var timeout = timeval(duration: configuration.connectTimeout)
        let opened = amqp_socket_open_noblock(socket, configuration.host, Int32(configuration.port), &timeout)
        guard opened == AMQP_STATUS_OK.rawValue else {
            throw .connectionFailed(
                "cannot reach \(configuration.host):\(configuration.port): \(String(cString: amqp_error_string2(opened)))")
        }
        amqp_set_handshake_timeout(state, &timeout)
        var rpcTimeout = timeval(tv_sec: 30, tv_usec: 0)
        amqp_set_rpc_timeout(state, &rpcTimeout)

        let arena = FieldTableArena()
        var properties = arena.table([
            "connection_name": .string(name),
            "product": "LeadTrac",
            "capabilities": .table([
                "consumer_cancel_notify": true, "publisher_confirms": true, "basic.nack": true,
                "connection.blocked": true, "authentication_failure_close": true,
            ]),
        ])
        let login = leadtrac_amqp_login_plain(
            state, configuration.virtualHost, 0, 131_072, Int32(configuration.heartbeatSeconds), &properties,
            configuration.user, configuration.password)
        try check(login, "login")
        amqp_channel_open(state, channel)
        try check(amqp_get_rpc_reply(state), "channel.open")
        logger.debug("amqp connection open", metadata: ["amqp.connection": "\(name)"])
    }

    /// Closes politely when possible; always frees the connection. Safe to call twice.
    public func close() {
        guard let state else { return }
        self.state = nil
        _ = amqp_channel_close(state, channel, Int32(AMQP_REPLY_SUCCESS))
        _ = amqp_connection_close(state, Int32(AMQP_REPLY_SUCCESS))
        amqp_destroy_connection(state)
    }

    public var isOpen: Bool { state != nil }

    private func live() throws(MessagingError) -> amqp_connection_state_t {
        guard let state else { throw .connectionFailed("the connection is closed") }
        return state
    }

    // MARK: Topology

    /// - Parameter autoDelete: the broker deletes the exchange once the last queue bound to it
    ///   is unbound (or deleted).
    public func declareExchange(_ name: String, type: String, durable: Bool = true, autoDelete: Bool = false)
        throws(MessagingError)
    {
        let state = try live()
        let arena = FieldTableArena()
        amqp_exchange_declare(
            state, channel, arena.bytes(name), arena.bytes(type), 0, durable ? 1 : 0, autoDelete ? 1 : 0, 0,
            arena.table([:]))
        try check(amqp_get_rpc_reply(state), "exchange.declare \(name)")
    }

    /// Declares a queue (or, with `passive`, checks it exists) and returns its ready-message and consumer counts.
    @discardableResult
    public func declareQueue(_ name: String, arguments: [String: FieldValue] = [:], passive: Bool = false)
        throws(MessagingError) -> (messages: Int, consumers: Int)
    {
        let state = try live()
        let arena = FieldTableArena()
        let ok = amqp_queue_declare(state, channel, arena.bytes(name), passive ? 1 : 0, 1, 0, 0, arena.table(arguments))
        try check(amqp_get_rpc_reply(state), "queue.declare \(name)")
        guard let ok else { return (0, 0) }
        return (Int(ok.pointee.message_count), Int(ok.pointee.consumer_count))
    }

    public func bindQueue(_ queue: String, exchange: String, routingKey: String) throws(MessagingError) {
        let state = try live()
        let arena = FieldTableArena()
        amqp_queue_bind(state, channel, arena.bytes(queue), arena.bytes(exchange), arena.bytes(routingKey), arena.table([:]))
        try check(amqp_get_rpc_reply(state), "queue.bind \(queue)")
    }

    @discardableResult
    public func purgeQueue(_ queue: String) throws(MessagingError) -> Int {
        let state = try live()
        let arena = FieldTableArena()
        let ok = amqp_queue_purge(state, channel, arena.bytes(queue))
        try check(amqp_get_rpc_reply(state), "queue.purge \(queue)")
        return Int(ok?.pointee.message_count ?? 0)
    }

    public func deleteQueue(_ queue: String) throws(MessagingError) {
        let state = try live()
        let arena = FieldTableArena()
        amqp_queue_delete(state, channel, arena.bytes(queue), 0, 0)
        try check(amqp_get_rpc_reply(state), "queue.delete \(queue)")
    }

    // MARK: Consuming

    public func setPrefetch(_ count: Int) throws(MessagingError) {
        let state = try live()
        amqp_basic_qos(state, channel, 0, UInt16(clamping: count), 0)
        try check(amqp_get_rpc_reply(state), "basic.qos")
    }

    /// Starts a consumer with manual acknowledgement; returns the consumer tag.
    @discardableResult
    public func consume(queue: String) throws(MessagingError) -> String {
        let state = try live()
        let arena = FieldTableArena()
        let ok = amqp_basic_consume(
            state, channel, arena.bytes(queue), amqp_bytes_t(len: 0, bytes: nil), 0, 0, 0, arena.table([:]))
        try check(amqp_get_rpc_reply(state), "basic.consume \(queue)")
        return ok?.pointee.consumer_tag.string ?? ""
    }

    /// Stops the consumer: the broker sends no more deliveries, those already received stay ours to ack.
    public func cancel(consumerTag: String) throws(MessagingError) {
        let state = try live()
        let arena = FieldTableArena()
        amqp_basic_cancel(state, channel, arena.bytes(consumerTag))
        try check(amqp_get_rpc_reply(state), "basic.cancel")
    }

    /// Waits up to `timeout` for the next delivery; `nil` when none came. A zero timeout only
    /// looks at what is already buffered. Heartbeats are serviced while waiting.
    public func nextDelivery(timeout: Duration) throws(MessagingError) -> Delivery? {
        let state = try live()
        amqp_maybe_release_buffers(state)
        var envelope = amqp_envelope_t()
        var wait = timeval(duration: timeout)
        let reply = amqp_consume_message(state, &envelope, &wait, 0)
        switch reply.reply_type {
        case AMQP_RESPONSE_NORMAL:
            defer { amqp_destroy_envelope(&envelope) }
            return Delivery(
                deliveryTag: envelope.delivery_tag, redelivered: envelope.redelivered != 0,
                exchange: envelope.exchange.string, routingKey: envelope.routing_key.string,
                properties: MessageProperties(envelope.message.properties), body: envelope.message.body.array)
        case AMQP_RESPONSE_LIBRARY_EXCEPTION where reply.library_error == AMQP_STATUS_TIMEOUT.rawValue:
            return nil
        case AMQP_RESPONSE_LIBRARY_EXCEPTION where reply.library_error == AMQP_STATUS_UNEXPECTED_STATE.rawValue:
            // Something other than a delivery is next: a cancel, a close, a flow notice.
            var frame = amqp_frame_t()
            let status = amqp_simple_wait_frame(state, &frame)
            guard status == AMQP_STATUS_OK.rawValue else { throw libraryError(status, "reading a frame") }
            try handleNonDeliveryFrame(frame, state: state)
            return nil
        default:
            try check(reply, "basic.consume")
            return nil
        }
    }

    public func ack(_ deliveryTag: UInt64, multiple: Bool = false) throws(MessagingError) {
        let status = amqp_basic_ack(try live(), channel, deliveryTag, multiple ? 1 : 0)
        guard status == AMQP_STATUS_OK.rawValue else { throw libraryError(status, "basic.ack") }
    }

    public func nack(_ deliveryTag: UInt64, multiple: Bool = false, requeue: Bool) throws(MessagingError) {
        let status = amqp_basic_nack(try live(), channel, deliveryTag, multiple ? 1 : 0, requeue ? 1 : 0)
        guard status == AMQP_STATUS_OK.rawValue else { throw libraryError(status, "basic.nack") }
    }

    /// `basic.get` with manual ack: one message or `nil` when the queue is empty.
    public func get(queue: String) throws(MessagingError) -> Delivery? {
        let state = try live()
        let arena = FieldTableArena()
        let reply = amqp_basic_get(state, channel, arena.bytes(queue), 0)
        try check(reply, "basic.get \(queue)")
        guard reply.reply.id == Method.getOK, let ok = reply.reply.decoded?.assumingMemoryBound(to: amqp_basic_get_ok_t.self)
        else { return nil }
        let tag = ok.pointee.delivery_tag
        let redelivered = ok.pointee.redelivered != 0
        let exchange = ok.pointee.exchange.string
        let routingKey = ok.pointee.routing_key.string
        var message = amqp_message_t()
        try check(amqp_read_message(state, channel, &message, 0), "reading a message")
        defer { amqp_destroy_message(&message) }
        return Delivery(
            deliveryTag: tag, redelivered: redelivered, exchange: exchange, routingKey: routingKey,
            properties: MessageProperties(message.properties), body: message.body.array)
    }

    // MARK: Publishing with confirms

    /// Puts the channel in confirm mode; from then on `publish` waits for the broker's confirms.
    public func enableConfirms() throws(MessagingError) {
        let state = try live()
        amqp_confirm_select(state, channel)
        try check(amqp_get_rpc_reply(state), "confirm.select")
        confirmsEnabled = true
        publishSequence = 0
        unconfirmed.removeAll()
    }

    /// Publishes every message and returns once the broker has confirmed all of them.
    ///
    /// Keeps up to `window` publishes outstanding instead of waiting for each confirm, which
    /// is what makes confirmed publishing fast (NOTES-clients.md: ~60k msg/s at a window of 500).
    /// Throws `publishNacked` if the broker refused any (or returned an unroutable mandatory one);
    /// the caller then republishes the whole batch: consumers deduplicate by message id.
    public func publish(_ messages: [OutgoingMessage], window: Int = 500, timeout: Duration = .seconds(30))
        throws(MessagingError)
    {
        let state = try live()
        precondition(confirmsEnabled, "enableConfirms() before publish")
        nackedCount = 0
        returnedCount = 0
        for (index, message) in messages.enumerated() {
            while unconfirmed.count >= window { try awaitConfirms(state, timeout: timeout) }
            try send(message, state: state)
            // Collect confirms already on the wire without a system call most of the time.
            if index % 64 == 63 || amqp_frames_enqueued(state) != 0 || amqp_data_in_buffer(state) != 0 {
                try awaitConfirms(state, timeout: .zero)
            }
        }
        while !unconfirmed.isEmpty { try awaitConfirms(state, timeout: timeout) }
        amqp_maybe_release_buffers(state)
        if nackedCount > 0 { throw .publishNacked("\(nackedCount) of \(messages.count) messages were nacked") }
        if returnedCount > 0 {
            throw .publishNacked("\(returnedCount) of \(messages.count) messages were unroutable and returned")
        }
    }

    private func send(_ message: OutgoingMessage, state: amqp_connection_state_t) throws(MessagingError) {
        let arena = FieldTableArena()
        var properties = message.properties.cValue(arena)
        let status = message.body.withUnsafeBytes { body in
            amqp_basic_publish(
                state, channel, arena.bytes(message.exchange), arena.bytes(message.routingKey),
                message.mandatory ? 1 : 0, 0, &properties,
                amqp_bytes_t(len: body.count, bytes: UnsafeMutableRawPointer(mutating: body.baseAddress)))
        }
        guard status == AMQP_STATUS_OK.rawValue else { throw libraryError(status, "basic.publish") }
        publishSequence += 1
        unconfirmed.insert(publishSequence)
    }

    /// Reads confirm frames for up to `timeout` (zero: only what is already there).
    private func awaitConfirms(_ state: amqp_connection_state_t, timeout: Duration) throws(MessagingError) {
        let deadline = ContinuousClock.now + timeout
        repeat {
            var frame = amqp_frame_t()
            var wait = timeval(duration: max(.zero, deadline - ContinuousClock.now))
            let status = amqp_simple_wait_frame_noblock(state, &frame, &wait)
            if status == AMQP_STATUS_TIMEOUT.rawValue {
                if timeout == .zero { return }
                throw .timedOut("waited \(timeout) for \(unconfirmed.count) publisher confirms")
            }
            guard status == AMQP_STATUS_OK.rawValue else { throw libraryError(status, "waiting for confirms") }
            guard frame.frame_type == UInt8(AMQP_FRAME_METHOD) else { continue }
            let method = frame.payload.method
            switch method.id {
            case Method.ack:
                let ack = method.decoded.assumingMemoryBound(to: amqp_basic_ack_t.self).pointee
                settle(ack.delivery_tag, multiple: ack.multiple != 0)
            case Method.nack:
                let nack = method.decoded.assumingMemoryBound(to: amqp_basic_nack_t.self).pointee
                nackedCount += settle(ack: nack.delivery_tag, multiple: nack.multiple != 0)
            case Method.return:
                // The returned content follows as header and body frames; read and drop it. Its
                // confirm (an ack) still comes, so count it here.
                var message = amqp_message_t()
                _ = amqp_read_message(state, channel, &message, 0)
                amqp_destroy_message(&message)
                returnedCount += 1
            default:
                try handleNonDeliveryFrame(frame, state: state)
            }
        } while timeout != .zero && !unconfirmed.isEmpty && ContinuousClock.now < deadline
    }

    private func settle(_ tag: UInt64, multiple: Bool) { _ = settle(ack: tag, multiple: multiple) }

    /// Removes the confirmed tags; returns how many were settled.
    private func settle(ack tag: UInt64, multiple: Bool) -> Int {
        guard multiple else { return unconfirmed.remove(tag) == nil ? 0 : 1 }
        let before = unconfirmed.count
        unconfirmed = unconfirmed.filter { $0 > tag }
        return before - unconfirmed.count
    }

    // MARK: Errors and out-of-band frames

    private func handleNonDeliveryFrame(_ frame: amqp_frame_t, state: amqp_connection_state_t) throws(MessagingError) {
        guard frame.frame_type == UInt8(AMQP_FRAME_METHOD) else { return }
        let method = frame.payload.method
        switch method.id {
        case Method.basicCancel:
            throw .consumerCancelled("the broker cancelled the consumer (queue deleted or node down)")
        case Method.channelClose:
            let close = method.decoded.assumingMemoryBound(to: amqp_channel_close_t.self).pointee
            var ok = amqp_channel_close_ok_t(dummy: 0)
            amqp_send_method(state, channel, Method.channelCloseOK, &ok)
            throw .channelClosed(close.reply_text.string, replyCode: Int(close.reply_code))
        case Method.connectionClose:
            let close = method.decoded.assumingMemoryBound(to: amqp_connection_close_t.self).pointee
            var ok = amqp_connection_close_ok_t(dummy: 0)
            amqp_send_method(state, 0, Method.connectionCloseOK, &ok)
            throw .connectionFailed(close.reply_text.string, replyCode: Int(close.reply_code))
        case Method.connectionBlocked:
            logger.warning("broker blocked publishing (resource alarm)", metadata: ["amqp.connection": "\(name)"])
        default:
            break
        }
    }

    private func check(_ reply: amqp_rpc_reply_t, _ what: String) throws(MessagingError) {
        switch reply.reply_type {
        case AMQP_RESPONSE_NORMAL:
            return
        case AMQP_RESPONSE_NONE:
            throw .operationFailed("\(what): no reply")
        case AMQP_RESPONSE_LIBRARY_EXCEPTION:
            throw libraryError(reply.library_error, what)
        default:
            guard let state else { throw .connectionFailed(what) }
            switch reply.reply.id {
            case Method.connectionClose:
                let close = reply.reply.decoded.assumingMemoryBound(to: amqp_connection_close_t.self).pointee
                var ok = amqp_connection_close_ok_t(dummy: 0)
                amqp_send_method(state, 0, Method.connectionCloseOK, &ok)
                throw .connectionFailed("\(what): \(close.reply_text.string)", replyCode: Int(close.reply_code))
            case Method.channelClose:
                let close = reply.reply.decoded.assumingMemoryBound(to: amqp_channel_close_t.self).pointee
                var ok = amqp_channel_close_ok_t(dummy: 0)
                amqp_send_method(state, channel, Method.channelCloseOK, &ok)
                throw .channelClosed("\(what): \(close.reply_text.string)", replyCode: Int(close.reply_code))
            default:
                throw .operationFailed("\(what): unexpected reply \(reply.reply.id)")
            }
        }
    }

    private func libraryError(_ status: Int32, _ what: String) -> MessagingError {
        .connectionFailed("\(what): \(String(cString: amqp_error_string2(status)))")
    }
}

/// AMQP method ids (the C header defines them as cast macros Swift does not import).
enum Method {
    static let connectionClose: amqp_method_number_t = 0x000A_0032
    static let connectionCloseOK: amqp_method_number_t = 0x000A_0033
    static let connectionBlocked: amqp_method_number_t = 0x000A_003C
    static let channelClose: amqp_method_number_t = 0x0014_0028
    static let channelCloseOK: amqp_method_number_t = 0x0014_0029
    static let basicCancel: amqp_method_number_t = 0x003C_001E
    static let `return`: amqp_method_number_t = 0x003C_0032
    static let getOK: amqp_method_number_t = 0x003C_0047
    static let ack: amqp_method_number_t = 0x003C_0050
    static let nack: amqp_method_number_t = 0x003C_0078
}

extension timeval {
    init(duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self.init(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
    }
}

extension MessageProperties {
    init(_ c: amqp_basic_properties_t) {
        let flags = c._flags
        func has(_ flag: Int32) -> Bool { flags & amqp_flags_t(flag) != 0 }
        self.init(
            contentType: has(AMQP_BASIC_CONTENT_TYPE_FLAG) ? c.content_type.string : nil,
            messageID: has(AMQP_BASIC_MESSAGE_ID_FLAG) ? c.message_id.string : nil,
            correlationID: has(AMQP_BASIC_CORRELATION_ID_FLAG) ? c.correlation_id.string : nil,
            type: has(AMQP_BASIC_TYPE_FLAG) ? c.type.string : nil,
            appID: has(AMQP_BASIC_APP_ID_FLAG) ? c.app_id.string : nil,
            timestamp: has(AMQP_BASIC_TIMESTAMP_FLAG) ? c.timestamp : nil,
            headers: has(AMQP_BASIC_HEADERS_FLAG) ? FieldValue.decode(c.headers) : [:],
            persistent: has(AMQP_BASIC_DELIVERY_MODE_FLAG) && c.delivery_mode == 2)
    }

    func cValue(_ arena: FieldTableArena) -> amqp_basic_properties_t {
        var c = amqp_basic_properties_t()
        var flags: Int32 = AMQP_BASIC_DELIVERY_MODE_FLAG
        c.delivery_mode = persistent ? 2 : 1
        if let contentType { c.content_type = arena.bytes(contentType); flags |= AMQP_BASIC_CONTENT_TYPE_FLAG }
        if let messageID { c.message_id = arena.bytes(messageID); flags |= AMQP_BASIC_MESSAGE_ID_FLAG }
        if let correlationID { c.correlation_id = arena.bytes(correlationID); flags |= AMQP_BASIC_CORRELATION_ID_FLAG }
        if let type { c.type = arena.bytes(type); flags |= AMQP_BASIC_TYPE_FLAG }
        if let appID { c.app_id = arena.bytes(appID); flags |= AMQP_BASIC_APP_ID_FLAG }
        if let timestamp { c.timestamp = timestamp; flags |= AMQP_BASIC_TIMESTAMP_FLAG }
        if !headers.isEmpty { c.headers = arena.table(headers); flags |= AMQP_BASIC_HEADERS_FLAG }
        c._flags = amqp_flags_t(flags)
        return c
    }
}
