// swift-tools-version:6.0
import PackageDescription

/// LeadTrac: six services and an operator CLI, talking over AMQP (librabbitmq)
/// and persisting to PostgreSQL (libpq). See docs/architecture.md.
let package = Package(
    name: "LeadTrac",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ingest", targets: ["IngestMain"]),
        .executable(name: "matcher", targets: ["MatcherMain"]),
        .executable(name: "prioritizer", targets: ["PrioritizerMain"]),
        .executable(name: "workflow", targets: ["WorkflowMain"]),
        .executable(name: "provider-gateway", targets: ["ProviderGatewayMain"]),
        .executable(name: "audit", targets: ["AuditMain"]),
        .executable(name: "leadtrac", targets: ["LeadTracCLIMain"]),
        .executable(name: "spine-probe", targets: ["SpineProbeMain"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.6.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.0.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.0.0"),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.7.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.80.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.19"),
        .package(url: "https://github.com/CoreOffice/XMLCoder.git", from: "0.17.0"),
    ],
    targets: [
        // MARK: C clients
        .systemLibrary(
            name: "CRabbitMQ", path: "Shared/CRabbitMQ", pkgConfig: "librabbitmq",
            providers: [.apt(["librabbitmq-dev"])]),
        .systemLibrary(
            name: "CLibPQ", path: "Shared/CLibPQ", pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]),

        /// The variadic `amqp_login_with_properties` wrapped in a plain C function Swift can call.
        .target(name: "CRabbitMQShim", dependencies: ["CRabbitMQ"], path: "Shared/CRabbitMQShim"),

        // MARK: Shared libraries
        .target(name: "LeadTracDomain", path: "Shared/Domain"),
        .target(
            name: "LeadTracMessaging", dependencies: [
                "CRabbitMQ", "CRabbitMQShim",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Shared/Messaging"),
        .target(
            name: "LeadTracStorage", dependencies: ["CLibPQ", .product(name: "Logging", package: "swift-log")],
            path: "Shared/Storage"),
        .target(name: "LeadTracContracts", dependencies: ["LeadTracDomain"], path: "Shared/Contracts"),
        /// Deterministic, labelled synthetic people and leads with realistic errors (tests, demos, benchmarks).
        .target(name: "LeadTracSynthetic", dependencies: ["LeadTracDomain", "LeadTracContracts"], path: "Shared/Synthetic"),
        .target(
            name: "LeadTracRuntime",
            dependencies: [
                "LeadTracMessaging", "LeadTracStorage", "LeadTracContracts",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Shared/Runtime"),
        .target(
            name: "LeadTracTesting",
            dependencies: [
                "LeadTracRuntime", "LeadTracMessaging", "LeadTracStorage",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            path: "Shared/Testing"),

        // MARK: Services (library with the logic + thin executable)
        /// Pure batch-import logic: streaming CSV and JSON Lines readers, the YAML column mapping,
        /// per-row reports and resumable checkpoints.
        .target(
            name: "IngestCore",
            dependencies: [
                "LeadTracDomain", .product(name: "Yams", package: "Yams"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"), .product(name: "XMLCoder", package: "XMLCoder"),
            ],
            path: "Services/Ingest/Core"),
        .target(
            name: "IngestService",
            dependencies: ["LeadTracRuntime", "LeadTracContracts", "IngestCore", .product(name: "Crypto", package: "swift-crypto")],
            path: "Services/Ingest/Sources"),
        .executableTarget(name: "IngestMain", dependencies: ["IngestService"], path: "Services/Ingest/Main"),
        /// Pure matching logic (comparisons, blocking keys, scoring, decisions): no I/O.
        .target(name: "MatcherCore", path: "Services/Matcher/Core"),
        .target(
            name: "MatcherService", dependencies: ["LeadTracRuntime", "LeadTracContracts", "LeadTracDomain", "MatcherCore"],
            path: "Services/Matcher/Sources"),
        .executableTarget(name: "MatcherMain", dependencies: ["MatcherService"], path: "Services/Matcher/Main"),
        /// Pure prioritisation logic: the YAML rule language, its validation, evaluation with
        /// explanations, versioning and what-if diffs.
        .target(
            name: "PrioritizerCore", dependencies: [.product(name: "Yams", package: "Yams")],
            path: "Services/Prioritizer/Core"),
        .target(
            name: "PrioritizerService",
            dependencies: ["LeadTracRuntime", "LeadTracContracts", "LeadTracDomain", "LeadTracStorage", "PrioritizerCore"],
            path: "Services/Prioritizer/Sources"),
        .executableTarget(
            name: "PrioritizerMain", dependencies: ["PrioritizerService"], path: "Services/Prioritizer/Main"),
        /// Pure workflow logic: the lead lifecycle state machine, queues, SLA clocks, jurisdictions, extract weeks.
        .target(
            name: "WorkflowCore", dependencies: [.product(name: "Yams", package: "Yams")], path: "Services/Workflow/Core"),
        .target(
            name: "WorkflowService",
            dependencies: [
                "LeadTracRuntime", "LeadTracContracts", "LeadTracDomain", "WorkflowCore",
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            path: "Services/Workflow/Sources"),
        .executableTarget(name: "WorkflowMain", dependencies: ["WorkflowService"], path: "Services/Workflow/Main"),
        .target(
            name: "ProviderGatewayService", dependencies: ["LeadTracRuntime"],
            path: "Services/ProviderGateway/Sources"),
        .executableTarget(
            name: "ProviderGatewayMain", dependencies: ["ProviderGatewayService"],
            path: "Services/ProviderGateway/Main"),
        /// Pure audit-trail logic: canonical encoding, hash chain, Merkle tree and proofs,
        /// signed checkpoints, and the verifier that names the first bad position.
        .target(
            name: "AuditCore",
            dependencies: ["LeadTracContracts", .product(name: "Crypto", package: "swift-crypto")],
            path: "Services/Audit/Core"),
        .target(name: "AuditService", dependencies: ["LeadTracRuntime", "AuditCore"], path: "Services/Audit/Sources"),
        .executableTarget(name: "AuditMain", dependencies: ["AuditService"], path: "Services/Audit/Main"),
        .target(
            name: "LeadTracCLI",
            dependencies: [
                "LeadTracRuntime", "LeadTracTesting", "LeadTracSynthetic",
                "IngestService", "IngestCore", "MatcherService", "PrioritizerService", "PrioritizerCore", "WorkflowService",
                "ProviderGatewayService", "AuditService", "AuditCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Services/CLI/Sources"),
        .executableTarget(name: "LeadTracCLIMain", dependencies: ["LeadTracCLI"], path: "Services/CLI/Main"),

        // MARK: Tests
        /// A consuming process with a tiny effect, used by the spine's failure tests (kill -9, SIGTERM).
        .executableTarget(name: "SpineProbeMain", dependencies: ["LeadTracTesting"], path: "Tests/SpineProbe"),
        .testTarget(name: "DomainTests", dependencies: ["LeadTracDomain", "LeadTracContracts"], path: "Tests/DomainTests"),
        .testTarget(
            name: "IngestCoreTests",
            dependencies: ["IngestCore", "LeadTracDomain", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            path: "Tests/IngestCoreTests"),
        .testTarget(name: "SyntheticTests", dependencies: ["LeadTracSynthetic"], path: "Tests/SyntheticTests"),
        .testTarget(name: "MatcherCoreTests", dependencies: ["MatcherCore"], path: "Tests/MatcherCoreTests"),
        .testTarget(name: "WorkflowCoreTests", dependencies: ["WorkflowCore"], path: "Tests/WorkflowCoreTests"),
        .testTarget(
            name: "AuditCoreTests",
            dependencies: ["AuditCore", "LeadTracContracts", .product(name: "Crypto", package: "swift-crypto")],
            path: "Tests/AuditCoreTests"),
        .testTarget(name: "PrioritizerCoreTests", dependencies: ["PrioritizerCore"], path: "Tests/PrioritizerCoreTests"),
        /// The matcher service's pure parts (lead → MatchRecord mapping, subject merging): no servers.
        .testTarget(
            name: "MatcherServiceTests", dependencies: ["MatcherService", "MatcherCore", "LeadTracDomain", "LeadTracContracts"],
            path: "Tests/MatcherServiceTests"),
        /// The prioritizer service's pure parts (lead → facts mapping, score storage encoding): no servers.
        .testTarget(
            name: "PrioritizerServiceTests",
            dependencies: ["PrioritizerService", "PrioritizerCore", "LeadTracDomain", "LeadTracContracts"],
            path: "Tests/PrioritizerServiceTests"),
        .testTarget(name: "StorageTests", dependencies: ["LeadTracStorage"], path: "Tests/StorageTests"),
        .testTarget(
            name: "MessagingTests", dependencies: ["LeadTracMessaging", "LeadTracRuntime"],
            path: "Tests/MessagingTests"),
        .testTarget(
            name: "RuntimeTests",
            dependencies: ["LeadTracRuntime", .product(name: "JWTKit", package: "jwt-kit")],
            path: "Tests/RuntimeTests"),
        .testTarget(
            name: "IntegrationTests",
            dependencies: [
                "LeadTracTesting", "LeadTracRuntime", "LeadTracCLI", "SpineProbeMain", "AuditCore", "AuditService",
                .product(name: "Yams", package: "Yams"),
            ],
            path: "Tests/IntegrationTests"),
    ],
    swiftLanguageModes: [.v6]
)
