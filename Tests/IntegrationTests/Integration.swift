import Testing

/// Every suite that talks to the shared servers nests here: `.serialized` runs them one at a
/// time, because some restart the broker or stop the database.
@Suite(.serialized) enum Integration {}
