/*
 * bench/hello.c — hello-world libmicrohttpd server, the baseline for bench/http.sh.
 *
 * Uses the same daemon configuration as Loket:
 *   MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC, MHD_OPTION_THREAD_POOL_SIZE.
 * Answers every request with 200 "ok" (text/plain), keep-alive preserved.
 *
 * Usage: hello PORT [THREADS]     (listens on 127.0.0.1:PORT, THREADS defaults to 2)
 * Stops on SIGTERM / SIGINT.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <microhttpd.h>

#if MHD_VERSION < 0x00097002
typedef int MHD_RESULT;
#else
typedef enum MHD_Result MHD_RESULT;
#endif

static struct MHD_Response *ok_response;

/* Marker stored in *con_cls after the first call for a request. */
static int first_call_seen;

static MHD_RESULT handle(void *cls, struct MHD_Connection *connection,
                         const char *url, const char *method,
                         const char *version, const char *upload_data,
                         size_t *upload_data_size, void **con_cls)
{
    (void)cls;
    (void)url;
    (void)method;
    (void)version;
    (void)upload_data;

    if (*con_cls == NULL) {
        /* First call: headers only. Queueing now would make MHD close the connection. */
        *con_cls = &first_call_seen;
        return MHD_YES;
    }
    if (*upload_data_size != 0) {
        /* Discard any request body. */
        *upload_data_size = 0;
        return MHD_YES;
    }
    return MHD_queue_response(connection, MHD_HTTP_OK, ok_response);
}

static long parse_num(const char *s, long min, long max, const char *what)
{
    char *end = NULL;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0' || v < min || v > max) {
        fprintf(stderr, "hello: invalid %s '%s' (expected %ld..%ld)\n", what, s, min, max);
        exit(2);
    }
    return v;
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: %s PORT [THREADS]\n", argv[0]);
        return 2;
    }
    unsigned int port = (unsigned int)parse_num(argv[1], 1, 65535, "port");
    unsigned int threads = 2;
    if (argc == 3)
        threads = (unsigned int)parse_num(argv[2], 1, 1024, "thread count");

    static const char body[] = "ok";
    ok_response = MHD_create_response_from_buffer(sizeof body - 1, (void *)body,
                                                  MHD_RESPMEM_PERSISTENT);
    if (ok_response == NULL ||
        MHD_add_response_header(ok_response, MHD_HTTP_HEADER_CONTENT_TYPE,
                                "text/plain") != MHD_YES) {
        fprintf(stderr, "hello: cannot create response\n");
        return 1;
    }

    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);

    /* Block the stop signals before MHD starts its threads (they inherit the mask),
     * then wait for them synchronously in the main thread. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGINT);
    if (sigprocmask(SIG_BLOCK, &stop, NULL) != 0) {
        perror("hello: sigprocmask");
        return 1;
    }

    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC, (uint16_t)port, NULL, NULL,
        handle, NULL,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
        MHD_OPTION_THREAD_POOL_SIZE, threads,
        MHD_OPTION_END);
    if (d == NULL) {
        fprintf(stderr, "hello: cannot start daemon on 127.0.0.1:%u\n", port);
        MHD_destroy_response(ok_response);
        return 1;
    }

    printf("hello: listening on http://127.0.0.1:%u/ (%u threads)\n", port, threads);
    fflush(stdout);

    int sig = 0;
    while (sigwait(&stop, &sig) != 0) {
    }

    MHD_stop_daemon(d);
    MHD_destroy_response(ok_response);
    return 0;
}
