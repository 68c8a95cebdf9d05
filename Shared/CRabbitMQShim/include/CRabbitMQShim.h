#ifndef LEADTRAC_CRABBITMQ_SHIM_H
#define LEADTRAC_CRABBITMQ_SHIM_H
#include <amqp.h>

/// `amqp_login_with_properties` is variadic, which Swift cannot call: this fixes the SASL
/// method to PLAIN and passes user and password through.
amqp_rpc_reply_t leadtrac_amqp_login_plain(amqp_connection_state_t state, const char *vhost,
                                           int channel_max, int frame_max, int heartbeat,
                                           const amqp_table_t *client_properties,
                                           const char *user, const char *password);
#endif
