// tcpuploads: timed TCP uploads from M workers to one server, driven by the server (one process per namespace).
//
//   tcpuploads server PORT M PLAN OUT.csv [options]     (run in the server namespace)
//   tcpuploads worker HOST PORT ID [options]            (run in worker ID's namespace, ID = 0..M-1)
//
// PLAN: one line per iteration, M whitespace-separated integers: the payload bytes worker w uploads, or -1 when it
// skips (it then sends an 8-byte skip notice). Lines starting with '#' are ignored.
//
// Protocol. Every worker keeps one control connection to the server. Per iteration the server takes t0 from
// CLOCK_REALTIME and sends each worker a 16-byte command (payload size, or -1 skip, or -2 quit):
//   push: to every worker at once at t0;
//   pull: skip commands to the skipping workers at t0, then upload commands one worker at a time in worker order,
//         each sent when the previous upload's last byte is in (the "GO" of a sequential pull server).
// A worker answers with an 8-byte big-endian header (payload size, or -1 for a skip notice) and the payload, on the
// control connection (persistent) or, with --new-connection, on a fresh TCP connection per upload that starts with
// the worker's 4-byte id (handshake and slow start included in the time). Skip notices always use the control
// connection.
// Times: the completion of a message is the kernel receive timestamp (SO_TIMESTAMPNS) of the skb that carried its
// last byte, so user-space scheduling of the server does not count. All namespaces share CLOCK_REALTIME.
//
// Server options: --pull, --new-connection, --cc NAME (default cubic, set per socket), --warm BYTES (default
// 1000000; every worker uploads it twice before the timed iterations, all at once in push mode and one worker at a
// time in pull mode; 0 = none), --gap-ms G (idle time between iterations, default 20), --repeat R (run the plan R
// times, default 1), --timeout S (default 600), --probes FILE (see below).
// Worker options: --cc NAME, --timeout S.
// Harness probe (--probes FILE): before every timed iteration the server runs one round trip that carries no payload
// (a skip command to worker (pass * iterations + iteration) mod M and its 8-byte notice, timed like an iteration)
// and writes it to FILE: pass,iteration,worker,probe_ns. On the emulated path this round trip costs 2D; what it
// takes beyond that is what the emulator itself (delay line, namespaces, these processes) adds to a command and the
// reply, measured in the same run as the uploads (sasg validate-network subtracts it, docs/fidelity.md).
// Both processes lock their memory (mlockall) so that a loaded machine's paging cannot stall them.
// OUT.csv columns: pass,iteration,worker,bytes,command_ns,done_ns,read_ns (ns after the iteration's t0; bytes = -1
// for a skip notice; command_ns = when the command was written, read_ns = when the server process read the last byte).
// Exit status: 0 on success, 2 on bad arguments, 1 on any network or protocol failure (message on stderr).
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <endian.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define MAX_WORKERS 64
#define COMMAND_QUIT (-2)
#define COMMAND_SKIP (-1)
#define MAX_PAYLOAD (256ll << 20)

static const char *congestion = "cubic";
static double timeout_s = 600;

static void fail(const char *what)
{
    fprintf(stderr, "tcpuploads: %s: %s\n", what, errno ? strerror(errno) : "protocol error");
    exit(1);
}

static int64_t realtime_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000000000ll + ts.tv_nsec;
}

static void tune(int fd)
{
    int on = 1;
    if (setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on) < 0) {
        fail("TCP_NODELAY");
    }
    if (setsockopt(fd, IPPROTO_TCP, TCP_CONGESTION, congestion, (socklen_t)strlen(congestion)) < 0) {
        fail("TCP_CONGESTION (is the algorithm allowed?)");
    }
    struct timeval limit = {.tv_sec = (time_t)timeout_s};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof limit);
}

static void write_all(int fd, const void *data, size_t length)
{
    const char *p = data;
    while (length > 0) {
        ssize_t n = send(fd, p, length, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            fail("send");
        }
        p += n;
        length -= (size_t)n;
    }
}

static void read_all(int fd, void *data, size_t length)
{
    char *p = data;
    while (length > 0) {
        ssize_t n = recv(fd, p, length, 0);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            errno = n == 0 ? 0 : errno;
            fail("recv");
        }
        p += n;
        length -= (size_t)n;
    }
}

static int connect_to(const char *host, int port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) {
        fail("socket");
    }
    tune(fd);
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    if (inet_pton(AF_INET, host, &address.sin_addr) != 1) {
        fprintf(stderr, "tcpuploads: bad server address %s\n", host);
        exit(2);
    }
    int64_t give_up = realtime_ns() + 5000000000ll;
    while (connect(fd, (struct sockaddr *)&address, sizeof address) < 0) {
        if (realtime_ns() > give_up || (errno != ECONNREFUSED && errno != EINTR)) {
            fail("connect");
        }
        usleep(20000);
    }
    return fd;
}

/* ---------------------------------------------------------------- worker */

static int run_worker(const char *host, int port, int id)
{
    int control = connect_to(host, port);
    uint32_t hello = htonl((uint32_t)id);
    write_all(control, &hello, sizeof hello);
    char *payload = NULL;
    int64_t capacity = 0;
    for (;;) {
        int64_t command[2];
        read_all(control, command, sizeof command);
        int64_t size = (int64_t)be64toh((uint64_t)command[0]);
        int new_connection = be64toh((uint64_t)command[1]) != 0;
        if (size == COMMAND_QUIT) {
            break;
        }
        if (size < COMMAND_SKIP || size > MAX_PAYLOAD) {
            fail("bad command");
        }
        int64_t header = (int64_t)htobe64((uint64_t)size);
        if (size == COMMAND_SKIP) {
            write_all(control, &header, sizeof header);
            continue;
        }
        if (size > capacity) {
            free(payload);
            payload = malloc((size_t)size);
            if (payload == NULL) {
                fail("malloc");
            }
            for (int64_t k = 0; k < size; k++) {
                payload[k] = (char)(k * 131 + 7); /* not all zero: nothing on the path may compress it */
            }
            capacity = size;
        }
        int fd = control;
        if (new_connection) {
            fd = connect_to(host, port);
            uint32_t tagged = htonl((uint32_t)id | 0x80000000u);
            write_all(fd, &tagged, sizeof tagged);
        }
        write_all(fd, &header, sizeof header);
        write_all(fd, payload, (size_t)size);
        if (new_connection) {
            close(fd); /* queued data is still delivered; the server times its last byte */
        }
    }
    close(control);
    free(payload);
    return 0;
}

/* ---------------------------------------------------------------- server */

typedef struct {
    int fd;             /* socket the current message arrives on (-1 none) */
    int control;        /* control connection */
    int header_got;     /* bytes of the 8-byte header read so far */
    unsigned char header[8];
    int64_t size;       /* payload size from the header (-1 skip notice) */
    int64_t remaining;  /* payload bytes still to read */
    int awaiting;       /* a command was sent and its message is not complete yet */
    int64_t command_ns, done_ns, read_ns, expected;
} worker_state;

static worker_state workers[MAX_WORKERS];
static int worker_count;
static char sink[1 << 20];

static int64_t message_received(worker_state *w, int64_t kernel_ns)
{
    w->done_ns = kernel_ns;
    w->read_ns = realtime_ns();
    w->awaiting = 0;
    if (w->fd != w->control) {
        close(w->fd);
    }
    w->fd = -1;
    return 1;
}

/* Reads what is available on worker w's message socket; returns 1 when its message completed. */
static int pump(worker_state *w)
{
    for (;;) {
        size_t want;
        char *into;
        if (w->header_got < 8) {
            want = (size_t)(8 - w->header_got);
            into = (char *)w->header + w->header_got;
        } else {
            want = w->remaining < (int64_t)sizeof sink ? (size_t)w->remaining : sizeof sink;
            into = sink;
        }
        char control_buffer[256];
        struct iovec io = {.iov_base = into, .iov_len = want};
        struct msghdr message = {.msg_iov = &io, .msg_iovlen = 1, .msg_control = control_buffer,
                                 .msg_controllen = sizeof control_buffer};
        ssize_t n = recvmsg(w->fd, &message, MSG_DONTWAIT);
        if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
            return 0;
        }
        if (n <= 0) {
            errno = n == 0 ? 0 : errno;
            fail("recvmsg (worker closed or failed)");
        }
        int64_t kernel_ns = 0;
        for (struct cmsghdr *c = CMSG_FIRSTHDR(&message); c != NULL; c = CMSG_NXTHDR(&message, c)) {
            if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS) {
                struct timespec ts;
                memcpy(&ts, CMSG_DATA(c), sizeof ts);
                kernel_ns = (int64_t)ts.tv_sec * 1000000000ll + ts.tv_nsec;
            }
        }
        if (kernel_ns == 0) {
            fail("no kernel receive timestamp");
        }
        if (w->header_got < 8) {
            w->header_got += (int)n;
            if (w->header_got < 8) {
                continue;
            }
            uint64_t raw;
            memcpy(&raw, w->header, 8);
            w->size = (int64_t)be64toh(raw);
            if (w->size != w->expected) {
                fail("upload size differs from the command");
            }
            w->remaining = w->size > 0 ? w->size : 0;
            if (w->remaining == 0) {
                return (int)message_received(w, kernel_ns);
            }
            continue;
        }
        w->remaining -= n;
        if (w->remaining == 0) {
            return (int)message_received(w, kernel_ns);
        }
    }
}

static void set_timestamps(int fd)
{
    int on = 1;
    if (setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on) < 0) {
        fail("SO_TIMESTAMPNS");
    }
}

static int accept_one(int listener)
{
    struct pollfd p = {.fd = listener, .events = POLLIN};
    if (poll(&p, 1, (int)(timeout_s * 1000)) <= 0) {
        errno = ETIMEDOUT;
        fail("waiting for a worker to connect");
    }
    int fd = accept(listener, NULL, NULL);
    if (fd < 0) {
        fail("accept");
    }
    tune(fd);
    set_timestamps(fd);
    return fd;
}

static void send_command(worker_state *w, int64_t size, int new_connection, int64_t t0)
{
    int64_t command[2] = {(int64_t)htobe64((uint64_t)size), (int64_t)htobe64((uint64_t)(new_connection ? 1 : 0))};
    w->header_got = 0;
    w->expected = size;
    w->awaiting = 1;
    w->fd = size >= 0 && new_connection ? -1 : w->control;
    w->command_ns = realtime_ns() - t0;
    write_all(w->control, command, sizeof command);
}

/* Serves sockets until worker `until` (or every worker, until = -1) has completed its message. */
static void serve(int listener, int until)
{
    for (;;) {
        int pending = 0;
        for (int k = 0; k < worker_count; k++) {
            pending += workers[k].awaiting;
        }
        if (until >= 0 ? !workers[until].awaiting : pending == 0) {
            return;
        }
        struct pollfd fds[MAX_WORKERS + 1];
        int owner[MAX_WORKERS + 1];
        int count = 0;
        fds[count] = (struct pollfd){.fd = listener, .events = POLLIN};
        owner[count++] = -1;
        for (int k = 0; k < worker_count; k++) {
            if (workers[k].awaiting && workers[k].fd >= 0) {
                fds[count] = (struct pollfd){.fd = workers[k].fd, .events = POLLIN};
                owner[count++] = k;
            }
        }
        int ready = poll(fds, (nfds_t)count, (int)(timeout_s * 1000));
        if (ready == 0) {
            errno = ETIMEDOUT;
            fail("waiting for uploads");
        }
        if (ready < 0) {
            if (errno == EINTR) {
                continue;
            }
            fail("poll");
        }
        for (int i = 0; i < count; i++) {
            if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) {
                continue;
            }
            if (owner[i] >= 0) {
                pump(&workers[owner[i]]);
                continue;
            }
            int fd = accept_one(listener);
            uint32_t tagged;
            read_all(fd, &tagged, sizeof tagged);
            tagged = ntohl(tagged);
            int id = (int)(tagged & 0x7fffffffu);
            if (!(tagged & 0x80000000u) || id >= worker_count || !workers[id].awaiting || workers[id].fd != -1) {
                fail("unexpected data connection");
            }
            workers[id].fd = fd;
            pump(&workers[id]);
        }
    }
}

typedef struct {
    int64_t *sizes; /* iterations x M */
    int iterations;
} plan_table;

static plan_table read_plan(const char *path, int m)
{
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        fprintf(stderr, "tcpuploads: cannot open plan %s: %s\n", path, strerror(errno));
        exit(2);
    }
    plan_table plan = {0};
    int capacity = 0;
    char line[8192];
    int number = 0;
    while (fgets(line, sizeof line, f) != NULL) {
        number++;
        char *p = line;
        while (*p == ' ' || *p == '\t') {
            p++;
        }
        if (*p == '#' || *p == '\n' || *p == '\0') {
            continue;
        }
        if (plan.iterations == capacity) {
            capacity = capacity ? capacity * 2 : 64;
            plan.sizes = realloc(plan.sizes, sizeof(int64_t) * (size_t)capacity * (size_t)m);
        }
        for (int w = 0; w < m; w++) {
            char *end;
            long long v = strtoll(p, &end, 10);
            if (end == p || v < -1 || v > MAX_PAYLOAD) {
                fprintf(stderr, "tcpuploads: %s line %d: expected %d sizes (bytes, or -1 for a skip)\n", path, number, m);
                exit(2);
            }
            plan.sizes[(size_t)plan.iterations * (size_t)m + (size_t)w] = v;
            p = end;
        }
        plan.iterations++;
    }
    fclose(f);
    if (plan.iterations == 0) {
        fprintf(stderr, "tcpuploads: %s: no iterations\n", path);
        exit(2);
    }
    return plan;
}

static void sleep_ms(double ms)
{
    struct timespec ts = {.tv_sec = (time_t)(ms / 1000), .tv_nsec = (long)(ms * 1e6) % 1000000000l};
    nanosleep(&ts, NULL);
}

static int run_server(int port, int m, const char *plan_path, const char *out_path, int pull, int new_connection,
                      int64_t warm, double gap_ms, int repeat, const char *probes_path)
{
    plan_table plan = read_plan(plan_path, m);
    FILE *out = fopen(out_path, "w");
    if (out == NULL) {
        fprintf(stderr, "tcpuploads: cannot write %s: %s\n", out_path, strerror(errno));
        return 2;
    }
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    int on = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    if (setsockopt(listener, IPPROTO_TCP, TCP_CONGESTION, congestion, (socklen_t)strlen(congestion)) < 0) {
        fail("TCP_CONGESTION (is the algorithm allowed?)");
    }
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    if (bind(listener, (struct sockaddr *)&address, sizeof address) < 0 || listen(listener, 256) < 0) {
        fail("bind/listen");
    }
    FILE *probes = NULL;
    if (probes_path != NULL && (probes = fopen(probes_path, "w")) == NULL) {
        fprintf(stderr, "tcpuploads: cannot write %s: %s\n", probes_path, strerror(errno));
        return 2;
    }
    worker_count = m;
    for (int k = 0; k < m; k++) {
        workers[k].control = -1;
    }
    for (int k = 0; k < m; k++) {
        int fd = accept_one(listener);
        uint32_t id;
        read_all(fd, &id, sizeof id);
        id = ntohl(id);
        if (id >= (uint32_t)m || workers[id].control != -1) {
            fail("bad or repeated worker id");
        }
        workers[id].control = fd;
    }
    /* Warm-up in the pattern of the timed iterations: in pull mode every connection then sends alone at the full
       link rate, so its congestion window must have grown for that (a window grown while M flows shared the link
       stays near 1/M of the bandwidth-delay product, and a lone upload would stall on it). */
    for (int round = 0; round < 2 && warm > 0; round++) {
        int64_t t0 = realtime_ns();
        for (int k = 0; k < m; k++) {
            send_command(&workers[k], warm, 0, t0);
            if (pull) {
                serve(listener, k);
            }
        }
        serve(listener, -1);
    }
    sleep_ms(gap_ms);
    fprintf(out, "pass,iteration,worker,bytes,command_ns,done_ns,read_ns\n");
    if (probes != NULL) {
        fprintf(probes, "pass,iteration,worker,probe_ns\n");
    }
    for (int pass = 0; pass < repeat; pass++) {
        for (int i = 0; i < plan.iterations; i++) {
            const int64_t *sizes = plan.sizes + (size_t)i * (size_t)m;
            if (probes != NULL) {
                int k = (pass * plan.iterations + i) % m;
                int64_t p0 = realtime_ns();
                send_command(&workers[k], COMMAND_SKIP, 0, p0);
                serve(listener, k);
                fprintf(probes, "%d,%d,%d,%lld\n", pass, i, k, (long long)(workers[k].done_ns - p0));
                fflush(probes);
                sleep_ms(gap_ms);
            }
            int64_t t0 = realtime_ns();
            for (int k = 0; k < m; k++) {
                if (!pull || sizes[k] < 0) {
                    send_command(&workers[k], sizes[k], new_connection, t0);
                }
            }
            if (pull) {
                for (int k = 0; k < m; k++) {
                    if (sizes[k] >= 0) {
                        send_command(&workers[k], sizes[k], new_connection, t0);
                        serve(listener, k);
                    }
                }
            }
            serve(listener, -1);
            for (int k = 0; k < m; k++) {
                fprintf(out, "%d,%d,%d,%lld,%lld,%lld,%lld\n", pass, i, k, (long long)sizes[k],
                        (long long)workers[k].command_ns, (long long)(workers[k].done_ns - t0),
                        (long long)(workers[k].read_ns - t0));
            }
            fflush(out);
            sleep_ms(gap_ms);
        }
    }
    for (int k = 0; k < m; k++) {
        int64_t quit[2] = {(int64_t)htobe64((uint64_t)(int64_t)COMMAND_QUIT), 0};
        write_all(workers[k].control, quit, sizeof quit);
        close(workers[k].control);
    }
    fclose(out);
    if (probes != NULL) {
        fclose(probes);
    }
    return 0;
}

static int usage(void)
{
    fprintf(stderr,
            "usage: tcpuploads server PORT M PLAN OUT.csv [--pull] [--new-connection] [--cc NAME] [--warm BYTES]\n"
            "                         [--gap-ms G] [--repeat R] [--timeout S] [--probes FILE]\n"
            "       tcpuploads worker HOST PORT ID [--cc NAME] [--timeout S]\n");
    return 2;
}

int main(int argc, char **argv)
{
    signal(SIGPIPE, SIG_IGN);
    mlockall(MCL_CURRENT | MCL_FUTURE); /* best effort: without the privilege the run is only less protected */
    if (argc < 2) {
        return usage();
    }
    int server = strcmp(argv[1], "server") == 0;
    int positional = server ? 6 : 5;
    if ((!server && strcmp(argv[1], "worker") != 0) || argc < positional) {
        return usage();
    }
    int pull = 0, new_connection = 0, repeat = 1;
    const char *probes = NULL;
    int64_t warm = 1000000;
    double gap_ms = 20;
    for (int k = positional; k < argc; k++) {
        const char *a = argv[k];
        const char *value = k + 1 < argc ? argv[k + 1] : NULL;
        if (strcmp(a, "--pull") == 0) {
            pull = 1;
        } else if (strcmp(a, "--new-connection") == 0) {
            new_connection = 1;
        } else if (value != NULL && strcmp(a, "--cc") == 0) {
            congestion = value, k++;
        } else if (value != NULL && strcmp(a, "--warm") == 0) {
            warm = atoll(value), k++;
        } else if (value != NULL && strcmp(a, "--gap-ms") == 0) {
            gap_ms = atof(value), k++;
        } else if (value != NULL && strcmp(a, "--repeat") == 0) {
            repeat = atoi(value), k++;
        } else if (value != NULL && strcmp(a, "--timeout") == 0) {
            timeout_s = atof(value), k++;
        } else if (value != NULL && server && strcmp(a, "--probes") == 0) {
            probes = value, k++;
        } else {
            fprintf(stderr, "tcpuploads: unknown option %s\n", a);
            return usage();
        }
    }
    int port = atoi(argv[server ? 2 : 3]);
    if (port <= 0 || port > 65535 || warm < 0 || warm > MAX_PAYLOAD || gap_ms < 0 || repeat < 1 || timeout_s <= 0) {
        fprintf(stderr, "tcpuploads: bad PORT or option value\n");
        return 2;
    }
    if (server) {
        int m = atoi(argv[3]);
        if (m < 1 || m > MAX_WORKERS) {
            fprintf(stderr, "tcpuploads: M must be 1..%d\n", MAX_WORKERS);
            return 2;
        }
        return run_server(port, m, argv[4], argv[5], pull, new_connection, warm, gap_ms, repeat, probes);
    }
    int id = atoi(argv[4]);
    if (id < 0 || id >= MAX_WORKERS) {
        fprintf(stderr, "tcpuploads: ID must be 0..%d\n", MAX_WORKERS - 1);
        return 2;
    }
    return run_worker(argv[2], port, id);
}
