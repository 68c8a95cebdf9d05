import LeadTracMessaging
import Testing

@Suite struct BrokerConfigurationTests {
    @Test func parsesUserPasswordHostPortAndEncodedVirtualHost() throws {
        let config = try BrokerConfiguration(url: "amqp://app%40x:p%2Fss@broker.local:5673/%2F?heartbeat=15")
        #expect(config.user == "app@x")
        #expect(config.password == "p/ss")
        #expect(config.host == "broker.local")
        #expect(config.port == 5673)
        #expect(config.virtualHost == "/")
        #expect(config.heartbeatSeconds == 15)
        #expect(config.tls == nil)
    }

    @Test func defaultsToLocalBrokerRootVirtualHost() throws {
        let config = try BrokerConfiguration(url: "amqp://")
        #expect(config.host == "127.0.0.1")
        #expect(config.port == 5672)
        #expect(config.virtualHost == "/")
        #expect(config.user == "guest")
    }

    @Test func amqpsEnablesTLSWithCAFileAndDefaultPort() throws {
        let config = try BrokerConfiguration(url: "amqps://u:p@h/leads?cacertfile=/etc/ca.pem&verify=verify_peer")
        #expect(config.port == 5671)
        #expect(config.virtualHost == "leads")
        #expect(config.tls?.caCertificateFile == "/etc/ca.pem")
        #expect(config.tls?.verifyPeer == true)
    }

    @Test func redactedURLHidesThePassword() throws {
        let config = try BrokerConfiguration(url: "amqp://user:secret-pw@h:5672/%2F")
        #expect(!config.redactedURL.contains("secret-pw"))
        #expect(config.redactedURL.contains("user:***@h"))
    }

    @Test(arguments: ["http://h", "amqp://h?heartbeat=-1", "amqps://h?verify=maybe", "not a url"])
    func rejectsInvalidURLs(_ url: String) {
        #expect(throws: MessagingError.self) { try BrokerConfiguration(url: url) }
    }
}
