// rabbitmq-c 0.11 (Debian 12) keeps its headers flat in /usr/include.
#include <amqp.h>
#include <amqp_framing.h>
#include <amqp_tcp_socket.h>
#include <amqp_ssl_socket.h>
