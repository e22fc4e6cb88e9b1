// delayline: a constant one-way delay for packets that iptables diverts with "-j NFQUEUE --queue-num Q".
//
// The kernel used here has no sch_netem (and cannot load modules), so delay is added in user space: the packet stays
// in the kernel's queue, only its metadata comes up, and a verdict releases it once DELAY has passed since it
// arrived. A constant delay keeps FIFO order, so a single thread releasing the queue head never reorders a flow.
// There is no fail-open (--queue-bypass): if this process dies, diverted traffic stops instead of running undelayed.
//
// It can also be the links themselves (LINK_BPS, SHARED_BPS): each packet is serialized first on its sender's link
// (one per IPv4 source address) and then on one link all senders share, each at its rate, store-and-forward by TCP
// segment (a GSO packet counts as its segments), and released DELAY after its last segment leaves the shared link.
// Departure times follow a virtual clock (a segment leaves when the one before it on that link has left, or when it
// arrived if the link was idle), so a late wake-up of this process
// only shifts when packets are released: no capacity is lost and nothing leaves early. A kernel token bucket (tbf)
// loses the time its watchdog timer fires late beyond its burst, which on a virtual machine whose idle vCPUs halt is
// often hundreds of microseconds, and a burst large enough to absorb that lets each upload's first bytes through at
// once (docs/fidelity.md, "The shaper: late timers and tbf").
//
// usage: delayline QUEUE DELAY_US MAX_SECONDS [LINK_BPS SHARED_BPS MTU]
//   QUEUE        NFQUEUE number (per network namespace)
//   DELAY_US     one-way delay in microseconds (fractions allowed, 0 = pass through in order)
//   MAX_SECONDS  hard lifetime bound; the process releases everything it holds and exits after it
//   LINK_BPS     rate of each sender's link in bit/s (0 = not shaped)
//   SHARED_BPS   rate of the link all senders share in bit/s (required > 0 when LINK_BPS is given: it keeps the
//                release order first in, first out)
//   MTU          IP MTU, to count a GSO packet's segments: a TCP packet of n payload bytes with h header bytes takes
//                n + ceil(n / (MTU - h)) * (h + 14) bytes on the wire (14 = Ethernet header, what tbf counts too)
// SIGTERM/SIGINT release every held packet and exit 0. On exit one line of statistics goes to stderr:
//   "delayline: queue Q delay D us packets N held_max H late_us_mean X late_us_max Y wire_bytes W"
// where "late" is how long after its due time a packet was released (timer and wake-up latency) and W the bytes the
// links serialized (0 when not shaping).
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

/* Shaping (LINK_BPS, SHARED_BPS): departure times in ns as doubles (exact to well below 1 ns for months of uptime). */
#define SENDERS 4096u /* open-addressing table of sender addresses; a star has at most a few hundred */
static double link_ns_per_byte, shared_ns_per_byte;
static int mtu;
static uint32_t sender_address[SENDERS];
static unsigned char sender_used[SENDERS];
static double sender_free_ns[SENDERS];
static double shared_free_ns;
static uint64_t wire_bytes_total;

/* How the packet leaves on the wire: TCP/IPv4 split into MSS-sized segments, each with its headers and Ethernet's. A
   GSO packet is its segments, each forwarded on its own: one segment, not the whole packet, is the unit of
   store-and-forward between two links, as for a tbf (which segments what exceeds its burst) or a real switch. */
typedef struct {
    uint64_t segments, segment_bytes, last_bytes; /* segments - 1 of segment_bytes, then one of last_bytes */
} wire_shape;

static wire_shape wire_of(const unsigned char *packet, int length)
{
    if (length < 20) {
        return (wire_shape){1, 0, (uint64_t)(length > 0 ? length : 0) + 14};
    }
    unsigned ip_header = (packet[0] & 0x0fu) * 4u;
    unsigned total = ((unsigned)packet[2] << 8) | packet[3];
    if (packet[9] != IPPROTO_TCP || length < (int)ip_header + 13) {
        return (wire_shape){1, 0, (uint64_t)total + 14};
    }
    unsigned header = ip_header + (packet[ip_header + 12] >> 4) * 4u;
    if (total <= header || mtu <= (int)header) {
        return (wire_shape){1, 0, (uint64_t)total + 14};
    }
    uint64_t payload = total - header, segment = (uint64_t)mtu - header;
    uint64_t segments = (payload + segment - 1) / segment;
    return (wire_shape){segments, segment + header + 14u, payload - (segments - 1) * segment + header + 14u};
}

/* The time the packet's last segment leaves the shared link: each segment after its sender's link, then after the
   shared one. */
static double depart_ns(uint32_t source, wire_shape wire, double now)
{
    double *sender = NULL;
    if (link_ns_per_byte > 0) {
        uint32_t slot = (source * 2654435761u) % SENDERS;
        while (sender_used[slot] && sender_address[slot] != source) {
            slot = (slot + 1) % SENDERS;
        }
        sender_used[slot] = 1;
        sender_address[slot] = source;
        sender = &sender_free_ns[slot];
    }
    for (uint64_t k = 0; k < wire.segments; k++) {
        uint64_t bytes = k + 1 < wire.segments ? wire.segment_bytes : wire.last_bytes;
        wire_bytes_total += bytes;
        double at = now;
        if (sender != NULL) {
            at = (*sender > at ? *sender : at) + (double)bytes * link_ns_per_byte;
            *sender = at;
        }
        shared_free_ns = (shared_free_ns > at ? shared_free_ns : at) + (double)bytes * shared_ns_per_byte;
    }
    return shared_free_ns;
}

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
    uint64_t now = monotonic_ns();
    uint64_t due = now + delay_ns;
    if (shared_ns_per_byte > 0) {
        unsigned char *packet = NULL;
        int length = nfq_get_payload(data, &packet);
        uint32_t source = 0;
        if (length >= 20) {
            memcpy(&source, packet + 12, sizeof source);
        }
        /* Departures on the shared link only grow, so due times stay in arrival order (one FIFO ring suffices). */
        due = (uint64_t)(depart_ns(source, wire_of(packet, length), (double)now) + 0.5) + delay_ns;
    }
    held[next % CAPACITY] = (held_packet){.id = id, .due_ns = due};
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
    if (argc != 4 && argc != 7) {
        fprintf(stderr, "usage: %s QUEUE DELAY_US MAX_SECONDS [LINK_BPS SHARED_BPS MTU]\n", argv[0]);
        return 2;
    }
    int queue_number = atoi(argv[1]);
    double delay_us = atof(argv[2]);
    double lifetime_s = atof(argv[3]);
    double link_bps = argc == 7 ? atof(argv[4]) : 0, shared_bps = argc == 7 ? atof(argv[5]) : 0;
    mtu = argc == 7 ? atoi(argv[6]) : 1500;
    if (queue_number < 0 || queue_number > 65535 || !(delay_us >= 0) || !(lifetime_s > 0) || !(link_bps >= 0) ||
        (argc == 7 && !(shared_bps > 0)) || mtu < 576 || mtu > 65535) {
        fprintf(stderr, "delayline: bad arguments (QUEUE 0..65535, DELAY_US >= 0, MAX_SECONDS > 0, LINK_BPS >= 0, "
                        "SHARED_BPS > 0, MTU 576..65535)\n");
        return 2;
    }
    link_ns_per_byte = link_bps > 0 ? 8e9 / link_bps : 0;
    shared_ns_per_byte = shared_bps > 0 ? 8e9 / shared_bps : 0;
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
    /* Shaping reads the IPv4 and TCP headers (at most 60 + 60 bytes); a pure delay needs only the packet's id. */
    if (shared_ns_per_byte > 0 ? nfq_set_mode(queue, NFQNL_COPY_PACKET, 120) < 0 : nfq_set_mode(queue, NFQNL_COPY_META, 0) < 0) {
        perror("delayline: nfq_set_mode");
        return 1;
    }
    nfq_set_queue_maxlen(queue, KERNEL_QUEUE_LIMIT);
    nfq_set_queue_flags(queue, NFQA_CFG_F_GSO, NFQA_CFG_F_GSO); /* GSO packets come up whole, not segmented */
    nfnl_rcvbufsiz(nfq_nfnlh(handle), 32u << 20);
    int fd = nfq_fd(handle);
    int on = 1;
    setsockopt(fd, SOL_NETLINK, NETLINK_NO_ENOBUFS, &on, sizeof on);
    fprintf(stderr, "delayline: queue %d delay %.1f us link %.0f bit/s shared %.0f bit/s ready\n", queue_number, delay_us,
            link_bps, shared_bps);
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
    fprintf(stderr,
            "delayline: queue %d delay %.1f us packets %llu held_max %llu late_us_mean %.1f late_us_max %.1f "
            "wire_bytes %llu\n",
            queue_number, delay_us, (unsigned long long)packets, (unsigned long long)held_max,
            released_on_time ? late_sum_us / (double)released_on_time : 0.0, late_max_us,
            (unsigned long long)wire_bytes_total);
    nfq_destroy_queue(queue);
    nfq_close(handle);
    return 0;
}
