// delayline: a constant one-way delay for packets that iptables diverts with "-j NFQUEUE --queue-num Q".
//
// The kernel used here has no sch_netem (and cannot load modules), so delay is added in user space: the packet stays
// in the kernel's queue, only its metadata comes up, and a verdict releases it once DELAY has passed since it
// arrived. A constant delay keeps FIFO order, so a single thread releasing the queue head never reorders a flow.
// There is no fail-open (--queue-bypass): if this process dies, diverted traffic stops instead of running undelayed.
//
// usage: delayline QUEUE DELAY_US MAX_SECONDS
//   QUEUE        NFQUEUE number (per network namespace)
//   DELAY_US     one-way delay in microseconds (fractions allowed, 0 = pass through in order)
//   MAX_SECONDS  hard lifetime bound; the process releases everything it holds and exits after it
// SIGTERM/SIGINT release every held packet and exit 0. On exit one line of statistics goes to stderr:
//   "delayline: queue Q delay D us packets N held_max H late_us_mean X late_us_max Y"
// where "late" is how long after its due time a packet was released (timer and wake-up latency).
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/netfilter.h>
#include <libnetfilter_queue/libnetfilter_queue.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <time.h>

#define CAPACITY (1u << 18) /* held packets; the kernel queue limit below is smaller */
#define KERNEL_QUEUE_LIMIT 131072u

typedef struct {
    uint32_t id;
    uint64_t due_ns;
} held_packet;

static held_packet held[CAPACITY];
static uint64_t first, next; /* ring of held packets: [first, next) */
static uint64_t delay_ns;
static uint64_t packets, held_max, released_on_time;
static double late_sum_us, late_max_us;
static volatile sig_atomic_t stopping;

static uint64_t monotonic_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static int on_packet(struct nfq_q_handle *queue, struct nfgenmsg *message, struct nfq_data *data, void *context)
{
    (void)message;
    (void)context;
    struct nfqnl_msg_packet_hdr *header = nfq_get_msg_packet_hdr(data);
    if (header == NULL) {
        return 0;
    }
    uint32_t id = ntohl(header->packet_id);
    if (next - first >= CAPACITY) {
        /* Cannot happen with KERNEL_QUEUE_LIMIT < CAPACITY; never drop silently. */
        nfq_set_verdict(queue, id, NF_ACCEPT, 0, NULL);
        return 0;
    }
    held[next % CAPACITY] = (held_packet){.id = id, .due_ns = monotonic_ns() + delay_ns};
    next++;
    packets++;
    if (next - first > held_max) {
        held_max = next - first;
    }
    return 0;
}

/* Releases every packet due by now with one batch verdict (ids in a queue are increasing). */
static void release_due(struct nfq_q_handle *queue, int everything)
{
    uint64_t now = monotonic_ns();
    uint32_t last = 0;
    int any = 0;
    while (first < next && (everything || held[first % CAPACITY].due_ns <= now)) {
        held_packet *p = &held[first % CAPACITY];
        if (!everything) {
            double late = (double)(now - p->due_ns) / 1000.0;
            late_sum_us += late;
            released_on_time++;
            if (late > late_max_us) {
                late_max_us = late;
            }
        }
        last = p->id;
        any = 1;
        first++;
    }
    if (any) {
        nfq_set_verdict_batch(queue, last, NF_ACCEPT);
    }
}

static void on_signal(int signal_number)
{
    (void)signal_number;
    stopping = 1;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: %s QUEUE DELAY_US MAX_SECONDS\n", argv[0]);
        return 2;
    }
    int queue_number = atoi(argv[1]);
    double delay_us = atof(argv[2]);
    double lifetime_s = atof(argv[3]);
    if (queue_number < 0 || queue_number > 65535 || !(delay_us >= 0) || !(lifetime_s > 0)) {
        fprintf(stderr, "delayline: bad arguments (QUEUE 0..65535, DELAY_US >= 0, MAX_SECONDS > 0)\n");
        return 2;
    }
    delay_ns = (uint64_t)(delay_us * 1000.0 + 0.5);
    uint64_t deadline = monotonic_ns() + (uint64_t)(lifetime_s * 1e9);
    struct sigaction action = {.sa_handler = on_signal};
    sigaction(SIGTERM, &action, NULL);
    sigaction(SIGINT, &action, NULL);
    prctl(PR_SET_TIMERSLACK, 1UL, 0, 0, 0); /* wake up on time, not up to 50 us late */
    mlockall(MCL_CURRENT | MCL_FUTURE);      /* no page fault on a loaded machine between arrival and release */

    struct nfq_handle *handle = nfq_open();
    if (handle == NULL) {
        perror("delayline: nfq_open");
        return 1;
    }
    struct nfq_q_handle *queue = nfq_create_queue(handle, (uint16_t)queue_number, &on_packet, NULL);
    if (queue == NULL) {
        perror("delayline: nfq_create_queue");
        return 1;
    }
    if (nfq_set_mode(queue, NFQNL_COPY_META, 0) < 0) {
        perror("delayline: nfq_set_mode");
        return 1;
    }
    nfq_set_queue_maxlen(queue, KERNEL_QUEUE_LIMIT);
    nfq_set_queue_flags(queue, NFQA_CFG_F_GSO, NFQA_CFG_F_GSO); /* GSO packets come up whole, not segmented */
    nfnl_rcvbufsiz(nfq_nfnlh(handle), 32u << 20);
    int fd = nfq_fd(handle);
    int on = 1;
    setsockopt(fd, SOL_NETLINK, NETLINK_NO_ENOBUFS, &on, sizeof on);
    fprintf(stderr, "delayline: queue %d delay %.1f us ready\n", queue_number, delay_us);
    fflush(stderr);

    static char buffer[1 << 16] __attribute__((aligned(8)));
    while (!stopping && monotonic_ns() < deadline) {
        release_due(queue, 0);
        int64_t wait_ns = 50000000; /* wake at least every 50 ms to check the lifetime bound */
        if (first < next) {
            int64_t until_due = (int64_t)(held[first % CAPACITY].due_ns - monotonic_ns());
            if (until_due < wait_ns) {
                wait_ns = until_due > 0 ? until_due : 0;
            }
        }
        struct timespec timeout = {.tv_sec = wait_ns / 1000000000, .tv_nsec = wait_ns % 1000000000};
        struct pollfd poll_fd = {.fd = fd, .events = POLLIN};
        int ready = ppoll(&poll_fd, 1, &timeout, NULL);
        if (ready < 0 && errno != EINTR) {
            perror("delayline: ppoll");
            break;
        }
        if (ready > 0) {
            for (int k = 0; k < 512; k++) {
                ssize_t n = recv(fd, buffer, sizeof buffer, MSG_DONTWAIT);
                if (n <= 0) {
                    break;
                }
                nfq_handle_packet(handle, buffer, (int)n);
            }
        }
    }
    release_due(queue, 1);
    fprintf(stderr, "delayline: queue %d delay %.1f us packets %llu held_max %llu late_us_mean %.1f late_us_max %.1f\n",
            queue_number, delay_us, (unsigned long long)packets, (unsigned long long)held_max,
            released_on_time ? late_sum_us / (double)released_on_time : 0.0, late_max_us);
    nfq_destroy_queue(queue);
    nfq_close(handle);
    return 0;
}
