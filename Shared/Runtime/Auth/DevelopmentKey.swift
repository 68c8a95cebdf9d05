/// The development-only Ed25519 signing key for local runs, demos and tests.
///
/// It is public (it is in the repository), so tokens it signs prove nothing: a service
/// uses it only when no key set is configured (`LEADTRAC_JWT_JWKS_FILE` unset) and then logs a
/// warning at start. Production configures the identity provider's public keys instead.
public enum DevelopmentKey {
    public static let keyID = "leadtrac-dev-1"
    /// Ed25519 public key, base64url (`x` of the JWK).
    public static let publicX = "7yr67dvizKRK6Nr-aMPj-B2HD98yH6O7owyIhFa9iJI"
    /// Ed25519 private key, base64url (`d` of the JWK).
    public static let privateD = "okxsQP03S087OvdM_y-UA8qDOglprLd3E5pZ0mBx5kc"
    public static let issuer = "leadtrac-dev"
}
