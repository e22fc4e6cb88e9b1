// sasg-ns3-star: the star network of tools/netem, simulated packet by packet in ns-3 (3.37), replaying a plan of
// per-iteration upload sizes over persistent, warmed-up TCP cubic connections (issue 18, docs/fidelity.md "ns-3 at
// scale").
//
//   sasg-ns3-star --workers M --rate-bps R --delay-us D --plan FILE --out DIR [options]
//
// Topology (as tools/netem/netem.sh builds it with namespaces): M worker nodes, one router, one server.
//   worker k --p2p-- router : the worker's device sends at R (its uplink, queue --worker-queue bytes), the router's
//                             device towards the worker at 10 Gbit/s (netem's downlinks are unshaped veths);
//                             propagation delay D (the one-way latency, in each direction)
//   router   --p2p-- server : the router's device sends at R (the server link, queue --server-queue bytes), the
//                             server's device at 10 Gbit/s; no propagation delay
// MTU 1500 on every device; drop-tail byte queues on the devices, no traffic-control queue discs (netem's tbf limits
// are byte limits on one FIFO). TCP: cubic (HyStart on), PRR recovery, SACK, timestamps, window scaling, no Nagle,
// 1,448-byte segments, IW 10, delayed ACK every 2 segments (40 ms timer, Linux's minimum), minimum RTO 200 ms (Linux's), send and
// receive buffers 64 MB (netem's tcp_wmem/tcp_rmem maxima); ns-3 never restarts slow start after idle, as netem's
// workers with tcp_slow_start_after_idle = 0.
//
// Protocol (tools/netem/tcpuploads.c): every worker keeps one connection to the server. Per iteration the server
// takes t0 and sends each worker a 16-byte command (payload size as a big-endian int64, or -1 for a skip, then 8 bytes
// of flags); push: every command at t0; pull: skip commands at t0, then upload commands one at a time in worker
// order, each when the previous upload's last byte is in. A worker answers with an 8-byte header and the payload (a
// skip notice is the header alone). A message is complete when its last byte reaches the server's TCP (the kernel
// receive timestamp of tcpuploads). Before the timed iterations every worker uploads --warm bytes twice, all at once
// (push) or one at a time (pull); iterations are separated by --gap-ms idle milliseconds.
//
// Options: --groups G (the two-level tree, push only: see class Tree below), --pull, --repeat R (passes over the plan, default 1), --warm BYTES (default: as netem, 150 ms at the rate
// + 4 RTT, 64 KB..16 MB per worker, when M <= 10; for M > 10 push uses that x 10/M per worker and pull at most 2 RTT
// at the rate (what slow start sends to reach the bandwidth-delay product), at least 64 KB: the warm-up's job is only
// to grow each connection's window for the pattern it will see), --gap-ms G (default 20), --server-queue BYTES (default 67108864), --worker-queue BYTES (default 4194304),
// --min-rto-ms (default 200), --seed N (default 1).
//
// Writes DIR/uploads.csv (pass,iteration,worker,bytes,command_ns,done_ns,read_ns: ns after the iteration's t0; bytes
// -1 = skip notice; read_ns = done_ns), DIR/tcp.csv (per iteration, and the warm-up as pass -1: packets dropped at
// the server link's queue and at the workers' queues (a full device queue: ns-3's traffic-control "TcDrop"), retransmission timeouts and fast recoveries entered by the
// workers' connections) and DIR/environment.txt (key=value, written last). Exit status: 0 done, 2 bad arguments or
// plan (one line on stderr), 1 the simulation did not finish every iteration.
#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/traffic-control-module.h"

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>
#include <string>
#include <sys/utsname.h>
#include <unistd.h>
#include <vector>

#ifndef SASG_NS3_VERSION
#define SASG_NS3_VERSION "unknown"
#endif

using namespace ns3;

namespace
{

constexpr uint16_t kPort = 9100;
constexpr int64_t kSkip = -1;
constexpr int kCommandBytes = 16;
constexpr int kHeaderBytes = 8;

[[noreturn]] void Usage(const std::string& message)
{
    std::fprintf(stderr, "sasg-ns3-star: %s\n", message.c_str());
    std::exit(2);
}

struct Options
{
    int workers = 0;
    uint64_t rateBps = 0;
    double delayUs = -1;
    std::string plan;
    std::string out;
    bool pull = false;
    int repeat = 1;
    int64_t warm = -1;
    double gapMs = 20;
    uint64_t serverQueue = 67108864;
    uint64_t workerQueue = 4194304;
    double minRtoMs = 200;
    uint32_t seed = 1;
    int groups = 0; // > 0: the two-level tree
};

struct Counters
{
    uint64_t serverDrops = 0;
    uint64_t workerDrops = 0;
    uint64_t timeouts = 0;
    uint64_t recoveries = 0;
};

Counters g_counters;

std::vector<std::vector<int64_t>> ReadPlan(const std::string& path, int m)
{
    std::ifstream in(path);
    if (!in)
    {
        Usage("--plan '" + path + "': cannot read it");
    }
    std::vector<std::vector<int64_t>> plan;
    std::string line;
    int number = 0;
    while (std::getline(in, line))
    {
        number++;
        auto first = line.find_first_not_of(" \t\r");
        if (first == std::string::npos || line[first] == '#')
        {
            continue;
        }
        std::istringstream fields(line);
        std::vector<int64_t> sizes;
        int64_t value;
        while (fields >> value)
        {
            if (value < -1 || value > (int64_t{256} << 20))
            {
                Usage(path + " line " + std::to_string(number) + ": a size must be -1 (skip) or 0..268435456 bytes");
            }
            sizes.push_back(value);
        }
        if (!fields.eof() || static_cast<int>(sizes.size()) != m)
        {
            Usage(path + " line " + std::to_string(number) + ": expected " + std::to_string(m) +
                  " sizes (bytes, or -1 for a skip)");
        }
        plan.push_back(sizes);
    }
    if (plan.empty())
    {
        Usage(path + ": no iterations");
    }
    return plan;
}

// One worker: parses 16-byte commands from its connection and answers each with the header and the payload.
class Worker
{
  public:
    Worker(int id, Ptr<Socket> socket)
        : m_id(id),
          m_socket(socket)
    {
        m_socket->SetRecvCallback(MakeCallback(&Worker::Receive, this));
        m_socket->SetSendCallback(MakeCallback(&Worker::Room, this));
    }

    Ptr<Socket> GetSocket() const
    {
        return m_socket;
    }

  private:
    void Receive(Ptr<Socket> socket)
    {
        Ptr<Packet> packet;
        while ((packet = socket->Recv()))
        {
            std::vector<uint8_t> bytes(packet->GetSize());
            packet->CopyData(bytes.data(), bytes.size());
            m_pending.insert(m_pending.end(), bytes.begin(), bytes.end());
        }
        while (m_pending.size() >= static_cast<size_t>(kCommandBytes))
        {
            int64_t size = 0;
            for (int i = 0; i < 8; i++)
            {
                size = static_cast<int64_t>((static_cast<uint64_t>(size) << 8) | m_pending[i]);
            }
            m_pending.erase(m_pending.begin(), m_pending.begin() + kCommandBytes);
            uint8_t header[kHeaderBytes];
            for (int i = 0; i < 8; i++)
            {
                header[i] = static_cast<uint8_t>(static_cast<uint64_t>(size) >> (56 - 8 * i));
            }
            m_socket->Send(Create<Packet>(header, kHeaderBytes));
            m_toSend += size > 0 ? static_cast<uint64_t>(size) : 0;
            Room(m_socket, m_socket->GetTxAvailable());
        }
    }

    void Room(Ptr<Socket> socket, uint32_t)
    {
        while (m_toSend > 0)
        {
            uint32_t room = socket->GetTxAvailable();
            if (room == 0)
            {
                return;
            }
            uint32_t chunk = static_cast<uint32_t>(std::min<uint64_t>(m_toSend, std::min<uint32_t>(room, 1u << 22)));
            int sent = socket->Send(Create<Packet>(chunk));
            if (sent <= 0)
            {
                return;
            }
            m_toSend -= static_cast<uint64_t>(sent);
        }
    }

    int m_id;
    Ptr<Socket> m_socket;
    std::vector<uint8_t> m_pending;
    uint64_t m_toSend = 0;
};

struct Link
{
    Ptr<Socket> socket;
    int64_t expected = 0; // bytes of the message awaited (header + payload)
    int64_t received = 0;
    bool awaiting = false;
    Time command;
    Time done;
};

// The upload server: sends commands, counts the bytes of each awaited message, and drives the plan.
// What the star's server and the tree's server share: the warm-up, the iteration loop over the plan's passes and
// the uploads.csv / tcp.csv rows. Each says how one exchange of commands and messages runs and when worker k's
// command left and its message was in.
class Driver
{
  public:
    Driver(const Options& options, std::vector<std::vector<int64_t>> plan)
        : m_options(options),
          m_plan(std::move(plan))
    {
    }

    virtual ~Driver() = default;

    void Listen(Ptr<Node> node)
    {
        m_listener = Socket::CreateSocket(node, TcpSocketFactory::GetTypeId());
        m_listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), kPort));
        m_listener->Listen();
        m_listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                      MakeCallback(&Driver::Accept, this));
    }

    bool Finished() const
    {
        return m_finished;
    }

    void Open(const std::string& out)
    {
        m_uploads.open(out + "/uploads.csv.tmp");
        m_tcp.open(out + "/tcp.csv.tmp");
        m_uploads << "pass,iteration,worker,bytes,command_ns,done_ns,read_ns\n";
        m_tcp << "pass,iteration,server_queue_drops,worker_queue_drops,timeouts,fast_recoveries\n";
    }

    int64_t m_warm = 0;
    Counters m_total;

  protected:
    virtual void Accept(Ptr<Socket> socket, const Address& from) = 0;
    // Sends every worker its command (sizes[k] bytes, or a skip) and calls then once every message is in.
    virtual void Exchange(const std::vector<int64_t>& sizes, std::function<void()> then) = 0;
    virtual Time CommandTime(int k) const = 0;
    virtual Time DoneTime(int k) const = 0;

    // Every connection is up: two warm-up exchanges, then the plan.
    void Start()
    {
        Simulator::ScheduleNow(&Driver::Warm, this, 0);
    }

    void Warm(int round)
    {
        if (round == 2 || m_warm <= 0)
        {
            WriteTcp(-1, -1);
            Simulator::Schedule(MilliSeconds(m_options.gapMs), &Driver::Iterate, this, 0, 0);
            return;
        }
        Exchange(std::vector<int64_t>(m_options.workers, m_warm), [this, round] { Warm(round + 1); });
    }

    void Iterate(int pass, int i)
    {
        if (i == static_cast<int>(m_plan.size()))
        {
            pass++;
            i = 0;
        }
        if (pass == m_options.repeat)
        {
            m_finished = true;
            m_uploads.close();
            m_tcp.close();
            Simulator::Stop();
            return;
        }
        Exchange(m_plan[i], [this, pass, i] {
            for (int k = 0; k < m_options.workers; k++)
            {
                m_uploads << pass << ',' << i << ',' << k << ',' << m_sizes[k] << ','
                          << (CommandTime(k) - m_t0).GetNanoSeconds() << ',' << (DoneTime(k) - m_t0).GetNanoSeconds()
                          << ',' << (DoneTime(k) - m_t0).GetNanoSeconds() << '\n';
            }
            WriteTcp(pass, i);
            Simulator::Schedule(MilliSeconds(m_options.gapMs), &Driver::Iterate, this, pass, i + 1);
        });
    }

    void WriteTcp(int pass, int i)
    {
        m_tcp << pass << ',' << i << ',' << g_counters.serverDrops << ',' << g_counters.workerDrops << ','
              << g_counters.timeouts << ',' << g_counters.recoveries << '\n';
        m_total.serverDrops += g_counters.serverDrops;
        m_total.workerDrops += g_counters.workerDrops;
        m_total.timeouts += g_counters.timeouts;
        m_total.recoveries += g_counters.recoveries;
        g_counters = Counters{};
    }

    const Options& m_options;
    std::vector<std::vector<int64_t>> m_plan;
    std::vector<int64_t> m_sizes;
    std::function<void()> m_then;
    Time m_t0;
    int m_outstanding = 0;

  private:
    Ptr<Socket> m_listener;
    bool m_finished = false;
    std::ofstream m_uploads;
    std::ofstream m_tcp;
};

class Server : public Driver
{
  public:
    Server(const Options& options, std::vector<std::vector<int64_t>> plan, std::vector<Ipv4Address> workerAddresses)
        : Driver(options, std::move(plan)),
          m_addresses(std::move(workerAddresses)),
          m_links(options.workers)
    {
    }

  protected:
    void Accept(Ptr<Socket> socket, const Address& from) override
    {
        auto address = InetSocketAddress::ConvertFrom(from).GetIpv4();
        int id = -1;
        for (size_t k = 0; k < m_addresses.size(); k++)
        {
            if (m_addresses[k] == address)
            {
                id = static_cast<int>(k);
            }
        }
        if (id < 0 || m_links[id].socket)
        {
            std::fprintf(stderr, "sasg-ns3-star: unexpected connection\n");
            std::exit(1);
        }
        m_links[id].socket = socket;
        socket->SetRecvCallback(MakeCallback(&Server::Receive, this));
        if (++m_connected == m_options.workers)
        {
            Start();
        }
    }

    void Receive(Ptr<Socket> socket)
    {
        int id = -1;
        for (size_t k = 0; k < m_links.size() && id < 0; k++)
        {
            if (m_links[k].socket == socket)
            {
                id = static_cast<int>(k);
            }
        }
        Ptr<Packet> packet;
        while ((packet = socket->Recv()))
        {
            auto& link = m_links[id];
            link.received += packet->GetSize();
            if (link.awaiting && link.received >= link.expected)
            {
                if (link.received > link.expected)
                {
                    std::fprintf(stderr, "sasg-ns3-star: worker %d sent more than asked\n", id);
                    std::exit(1);
                }
                link.awaiting = false;
                link.received = 0;
                link.done = Simulator::Now();
                Completed(id);
            }
        }
    }

    void Command(int k, int64_t size)
    {
        uint8_t bytes[kCommandBytes] = {};
        for (int i = 0; i < 8; i++)
        {
            bytes[i] = static_cast<uint8_t>(static_cast<uint64_t>(size) >> (56 - 8 * i));
        }
        auto& link = m_links[k];
        link.expected = kHeaderBytes + (size > 0 ? size : 0);
        link.awaiting = true;
        link.command = Simulator::Now();
        link.socket->Send(Create<Packet>(bytes, kCommandBytes));
    }

    // Starts an exchange of one size per worker: push (all at once) or pull (skips at once, then one upload at a
    // time); calls `then` when every message is in.
    void Exchange(const std::vector<int64_t>& sizes, std::function<void()> then) override
    {
        m_sizes = sizes;
        m_then = std::move(then);
        m_t0 = Simulator::Now();
        m_outstanding = 0;
        m_next = 0;
        for (int k = 0; k < m_options.workers; k++)
        {
            if (!m_options.pull || sizes[k] < 0)
            {
                Command(k, sizes[k]);
                m_outstanding++;
            }
        }
        if (m_options.pull)
        {
            NextPull();
        }
    }

    void NextPull()
    {
        while (m_next < m_options.workers && m_sizes[m_next] < 0)
        {
            m_next++;
        }
        if (m_next < m_options.workers)
        {
            Command(m_next, m_sizes[m_next]);
            m_outstanding++;
            m_pulling = m_next++;
        }
        else
        {
            m_pulling = -1;
        }
    }

    void Completed(int k)
    {
        m_outstanding--;
        if (m_options.pull && k == m_pulling)
        {
            NextPull();
        }
        if (m_outstanding == 0 && (!m_options.pull || m_pulling < 0))
        {
            auto then = m_then;
            then();
        }
    }

    Time CommandTime(int k) const override
    {
        return m_links[k].command;
    }

    Time DoneTime(int k) const override
    {
        return m_links[k].done;
    }

  private:
    std::vector<Ipv4Address> m_addresses;
    std::vector<Link> m_links;
    int m_connected = 0;
    int m_next = 0;
    int m_pulling = -1;
};

void ServerDrop(Ptr<const Packet>)
{
    g_counters.serverDrops++;
}

void WorkerDrop(Ptr<const Packet>)
{
    g_counters.workerDrops++;
}

void CongState(TcpSocketState::TcpCongState_t, TcpSocketState::TcpCongState_t now)
{
    if (now == TcpSocketState::CA_LOSS)
    {
        g_counters.timeouts++;
    }
    else if (now == TcpSocketState::CA_RECOVERY)
    {
        g_counters.recoveries++;
    }
}

// The two-level tree (--groups G): worker k belongs to aggregator k / (M / G). An aggregator accepts its workers'
// connections, sends each its command at the iteration's t0, and relays each message (header + payload), once fully
// received, on its own persistent connection to the server ("forward each"). A worker's upload is done when the last
// byte of its relayed message reaches the server.
class Tree;

class Relay
{
  public:
    Relay(Tree* tree, int group)
        : m_tree(tree),
          m_group(group)
    {
    }

    void Listen(Ptr<Node> node);
    void Connect(Ptr<Node> node, Ipv4Address server);
    void Accept(Ptr<Socket> socket, const Address& from);
    void FromWorker(Ptr<Socket> socket);
    void Room(Ptr<Socket> socket, uint32_t);

    Tree* m_tree;
    int m_group;
    Ptr<Socket> m_listener;
    Ptr<Socket> m_up;
    std::vector<Ipv4Address> m_addresses; // the group's workers, by local index
    std::vector<Ptr<Socket>> m_down;
    std::vector<int64_t> m_received;
    uint64_t m_toSend = 0;
};

class Tree : public Driver
{
  public:
    Tree(const Options& options, std::vector<std::vector<int64_t>> plan)
        : Driver(options, std::move(plan)),
          m_per(options.workers / options.groups),
          m_expected(options.workers),
          m_command(options.workers),
          m_done(options.workers),
          m_inflight(options.groups),
          m_upReceived(options.groups),
          m_upSockets(options.groups)
    {
        for (int g = 0; g < options.groups; g++)
        {
            m_relays.push_back(std::make_unique<Relay>(this, g));
            m_relays.back()->m_down.resize(m_per);
            m_relays.back()->m_received.assign(m_per, 0);
        }
    }

    void Connected()
    {
        if (++m_connected == m_options.workers + m_options.groups)
        {
            Start();
        }
    }

    // A relay has a whole message of worker k: it forwards it upstream.
    void Forward(int g, int k, int64_t bytes)
    {
        m_inflight[g].push_back({k, bytes});
        auto& relay = *m_relays[g];
        relay.m_toSend += static_cast<uint64_t>(bytes);
        relay.Room(relay.m_up, 0);
    }

    std::vector<std::unique_ptr<Relay>> m_relays;
    std::vector<Ipv4Address> m_relayAddresses;

  protected:
    void Accept(Ptr<Socket> socket, const Address& from) override
    {
        auto address = InetSocketAddress::ConvertFrom(from).GetIpv4();
        for (size_t g = 0; g < m_relayAddresses.size(); g++)
        {
            if (m_relayAddresses[g] == address && !m_upSockets[g])
            {
                m_upSockets[g] = socket;
                socket->SetRecvCallback(MakeCallback(&Tree::Receive, this));
                Connected();
                return;
            }
        }
        std::fprintf(stderr, "sasg-ns3-star: unexpected connection\n");
        std::exit(1);
    }

    void Receive(Ptr<Socket> socket)
    {
        int g = 0;
        while (m_upSockets[g] != socket)
        {
            g++;
        }
        Ptr<Packet> packet;
        while ((packet = socket->Recv()))
        {
            m_upReceived[g] += packet->GetSize();
            while (!m_inflight[g].empty() && m_upReceived[g] >= m_inflight[g].front().second)
            {
                m_upReceived[g] -= m_inflight[g].front().second;
                int k = m_inflight[g].front().first;
                m_inflight[g].erase(m_inflight[g].begin());
                m_done[k] = Simulator::Now();
                if (--m_outstanding == 0)
                {
                    auto then = m_then;
                    then();
                }
            }
        }
    }

    void Exchange(const std::vector<int64_t>& sizes, std::function<void()> then) override
    {
        m_sizes = sizes;
        m_then = std::move(then);
        m_t0 = Simulator::Now();
        m_outstanding = m_options.workers;
        for (int k = 0; k < m_options.workers; k++)
        {
            uint8_t bytes[kCommandBytes] = {};
            for (int i = 0; i < 8; i++)
            {
                bytes[i] = static_cast<uint8_t>(static_cast<uint64_t>(sizes[k]) >> (56 - 8 * i));
            }
            m_expected[k] = kHeaderBytes + (sizes[k] > 0 ? sizes[k] : 0);
            m_command[k] = Simulator::Now();
            m_relays[k / m_per]->m_down[k % m_per]->Send(Create<Packet>(bytes, kCommandBytes));
        }
    }

  public:
    int64_t Expected(int k) const
    {
        return m_expected[k];
    }

    int Per() const
    {
        return m_per;
    }

  protected:
    Time CommandTime(int k) const override
    {
        return m_command[k];
    }

    Time DoneTime(int k) const override
    {
        return m_done[k];
    }

  private:
    int m_per;
    std::vector<int64_t> m_expected;
    std::vector<Time> m_command;
    std::vector<Time> m_done;
    std::vector<std::vector<std::pair<int, int64_t>>> m_inflight;
    std::vector<int64_t> m_upReceived;
    std::vector<Ptr<Socket>> m_upSockets;
    int m_connected = 0;
};

void Relay::Listen(Ptr<Node> node)
{
    m_listener = Socket::CreateSocket(node, TcpSocketFactory::GetTypeId());
    m_listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), kPort));
    m_listener->Listen();
    m_listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                  MakeCallback(&Relay::Accept, this));
}

void Relay::Connect(Ptr<Node> node, Ipv4Address server)
{
    m_up = Socket::CreateSocket(node, TcpSocketFactory::GetTypeId());
    m_up->TraceConnectWithoutContext("CongState", MakeCallback(&CongState));
    m_up->SetSendCallback(MakeCallback(&Relay::Room, this));
    m_up->Bind();
    m_up->Connect(InetSocketAddress(server, kPort));
}

void Relay::Accept(Ptr<Socket> socket, const Address& from)
{
    auto address = InetSocketAddress::ConvertFrom(from).GetIpv4();
    for (size_t j = 0; j < m_addresses.size(); j++)
    {
        if (m_addresses[j] == address && !m_down[j])
        {
            m_down[j] = socket;
            socket->SetRecvCallback(MakeCallback(&Relay::FromWorker, this));
            m_tree->Connected();
            return;
        }
    }
    std::fprintf(stderr, "sasg-ns3-star: unexpected connection\n");
    std::exit(1);
}

void Relay::FromWorker(Ptr<Socket> socket)
{
    int j = 0;
    while (m_down[j] != socket)
    {
        j++;
    }
    int k = m_group * m_tree->Per() + j;
    Ptr<Packet> packet;
    while ((packet = socket->Recv()))
    {
        m_received[j] += packet->GetSize();
        if (m_received[j] >= m_tree->Expected(k))
        {
            if (m_received[j] > m_tree->Expected(k))
            {
                std::fprintf(stderr, "sasg-ns3-star: worker %d sent more than asked\n", k);
                std::exit(1);
            }
            m_received[j] = 0;
            m_tree->Forward(m_group, k, m_tree->Expected(k));
        }
    }
}

void Relay::Room(Ptr<Socket> socket, uint32_t)
{
    while (m_toSend > 0)
    {
        uint32_t room = socket->GetTxAvailable();
        if (room == 0)
        {
            return;
        }
        uint32_t chunk = static_cast<uint32_t>(std::min<uint64_t>(m_toSend, std::min<uint32_t>(room, 1u << 22)));
        int sent = socket->Send(Create<Packet>(chunk));
        if (sent <= 0)
        {
            return;
        }
        m_toSend -= static_cast<uint64_t>(sent);
    }
}

Options Parse(int argc, char** argv)
{
    Options o;
    for (int i = 1; i < argc; i++)
    {
        std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc)
            {
                Usage(a + " needs a value");
            }
            return argv[++i];
        };
        auto number = [&](double low, double high) {
            auto text = value();
            char* end = nullptr;
            double v = std::strtod(text.c_str(), &end);
            if (text.empty() || *end != '\0' || v < low || v > high)
            {
                Usage(a + " '" + text + "': expected a number in " + std::to_string(low) + ".." + std::to_string(high));
            }
            return v;
        };
        if (a == "--workers")
            o.workers = static_cast<int>(number(1, 10000));
        else if (a == "--rate-bps")
            o.rateBps = static_cast<uint64_t>(number(1000, 1e12));
        else if (a == "--delay-us")
            o.delayUs = number(0, 1e7);
        else if (a == "--plan")
            o.plan = value();
        else if (a == "--out")
            o.out = value();
        else if (a == "--pull")
            o.pull = true;
        else if (a == "--repeat")
            o.repeat = static_cast<int>(number(1, 1000));
        else if (a == "--warm")
            o.warm = static_cast<int64_t>(number(0, 268435456));
        else if (a == "--gap-ms")
            o.gapMs = number(0, 60000);
        else if (a == "--server-queue")
            o.serverQueue = static_cast<uint64_t>(number(1500, 1e10));
        else if (a == "--worker-queue")
            o.workerQueue = static_cast<uint64_t>(number(1500, 1e10));
        else if (a == "--min-rto-ms")
            o.minRtoMs = number(1, 60000);
        else if (a == "--groups")
            o.groups = static_cast<int>(number(1, 10000));
        else if (a == "--seed")
            o.seed = static_cast<uint32_t>(number(1, 4e9));
        else
            Usage("unknown option '" + a + "' (see the header of tools/ns3/star.cc)");
    }
    if (o.workers < 1 || o.rateBps == 0 || o.delayUs < 0 || o.plan.empty() || o.out.empty())
    {
        Usage("needs --workers M --rate-bps R --delay-us D --plan FILE --out DIR");
    }
    if (o.groups > 0 && (o.pull || o.workers % o.groups != 0))
    {
        Usage("--groups G: push only, and G must divide --workers");
    }
    return o;
}

int64_t DefaultWarm(const Options& o)
{
    double rtt = 2 * o.delayUs / 1e6;
    double bytesPerSecond = static_cast<double>(o.rateBps) / 8;
    double netem = std::min(16777216.0, std::max(65536.0, bytesPerSecond * (0.15 + 4 * rtt)));
    if (o.workers <= 10)
    {
        return static_cast<int64_t>(netem);
    }
    double warm = o.pull ? std::min(netem, bytesPerSecond * 2 * rtt) : netem * 10 / o.workers;
    return static_cast<int64_t>(std::max(65536.0, warm));
}

// The tree's network: worker k --(R from the worker, 10 Gbit/s back, delay D)-- aggregator k / (M / G);
// aggregator g --(R from the aggregator, 10 Gbit/s back, no delay)-- server. Returns the simulated end.
Time RunTree(const Options& options, Tree& tree)
{
    const int m = options.workers;
    const int groups = options.groups;
    const int per = m / groups;
    NodeContainer workers;
    workers.Create(m);
    NodeContainer aggregators;
    aggregators.Create(groups);
    Ptr<Node> server = CreateObject<Node>();
    InternetStackHelper internet;
    internet.Install(workers);
    internet.Install(aggregators);
    internet.Install(server);
    const std::string fast = "10Gbps";
    const std::string rate = std::to_string(options.rateBps) + "bps";
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("Mtu", UintegerValue(1500));
    Ipv4AddressHelper addresses;
    addresses.SetBase("10.0.0.0", "255.255.255.252");
    TrafficControlHelper tc;
    auto limit = [](Ptr<NetDevice> device, uint64_t bytes) {
        auto queue = DynamicCast<PointToPointNetDevice>(device)->GetQueue();
        queue->SetMaxSize(QueueSize(QueueSizeUnit::BYTES, static_cast<uint32_t>(bytes)));
        return queue;
    };
    std::vector<Ipv4Address> aggregatorSide;
    for (int k = 0; k < m; k++)
    {
        p2p.SetChannelAttribute("Delay", TimeValue(NanoSeconds(static_cast<int64_t>(options.delayUs * 1000))));
        auto devices = p2p.Install(workers.Get(k), aggregators.Get(k / per));
        devices.Get(0)->SetAttribute("DataRate", DataRateValue(DataRate(rate)));
        devices.Get(1)->SetAttribute("DataRate", DataRateValue(DataRate(fast)));
        auto interfaces = addresses.Assign(devices);
        addresses.NewNetwork();
        tc.Uninstall(devices);
        tree.m_relays[k / per]->m_addresses.push_back(interfaces.GetAddress(0));
        aggregatorSide.push_back(interfaces.GetAddress(1));
        limit(devices.Get(0), options.workerQueue)->TraceConnectWithoutContext("Drop", MakeCallback(&WorkerDrop));
        limit(devices.Get(1), options.serverQueue);
    }
    std::vector<Ipv4Address> serverSide;
    for (int g = 0; g < groups; g++)
    {
        p2p.SetChannelAttribute("Delay", TimeValue(Seconds(0)));
        auto devices = p2p.Install(aggregators.Get(g), server);
        devices.Get(0)->SetAttribute("DataRate", DataRateValue(DataRate(rate)));
        devices.Get(1)->SetAttribute("DataRate", DataRateValue(DataRate(fast)));
        auto interfaces = addresses.Assign(devices);
        addresses.NewNetwork();
        tc.Uninstall(devices);
        tree.m_relayAddresses.push_back(interfaces.GetAddress(0));
        serverSide.push_back(interfaces.GetAddress(1));
        limit(devices.Get(0), options.serverQueue)->TraceConnectWithoutContext("Drop", MakeCallback(&ServerDrop));
        limit(devices.Get(1), options.serverQueue);
        aggregators.Get(g)->GetObject<TrafficControlLayer>()->TraceConnectWithoutContext("TcDrop",
                                                                                         MakeCallback(&ServerDrop));
    }
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    tree.Listen(server);
    for (int g = 0; g < groups; g++)
    {
        tree.m_relays[g]->Listen(aggregators.Get(g));
        Simulator::Schedule(MicroSeconds(g), &Relay::Connect, tree.m_relays[g].get(), aggregators.Get(g), serverSide[g]);
    }
    std::vector<std::unique_ptr<Worker>> endpoints;
    for (int k = 0; k < m; k++)
    {
        workers.Get(k)->GetObject<TrafficControlLayer>()->TraceConnectWithoutContext("TcDrop",
                                                                                     MakeCallback(&WorkerDrop));
        auto socket = Socket::CreateSocket(workers.Get(k), TcpSocketFactory::GetTypeId());
        socket->TraceConnectWithoutContext("CongState", MakeCallback(&CongState));
        endpoints.push_back(std::make_unique<Worker>(k, socket));
        Simulator::Schedule(MicroSeconds(groups + k), [socket, address = aggregatorSide[k]] {
            socket->Bind();
            socket->Connect(InetSocketAddress(address, kPort));
        });
    }
    Simulator::Run();
    return Simulator::Now();
}

std::string LoadAverage()
{
    std::ifstream in("/proc/loadavg");
    std::string a, b, c;
    in >> a >> b >> c;
    return a + " " + b + " " + c;
}

void WriteEnvironment(const Options& options, int64_t warm, const Counters& total, Time simulated, double wall,
                      const std::string& loadBefore)
{
    struct utsname host;
    uname(&host);
    std::ofstream env(options.out + "/environment.txt.tmp");
    env << "engine=ns-3\n"
        << "ns3_version=" << SASG_NS3_VERSION << "\n"
        << "kernel=" << host.release << "\n"
        << "cpus=" << sysconf(_SC_NPROCESSORS_ONLN) << "\n"
        << "workers=" << options.workers << "\n"
        << "mode=" << (options.pull ? "pull" : "push") << "\n"
        << "connection=persistent\n"
        << "topology=" << (options.groups > 0 ? "tree groups=" + std::to_string(options.groups) + " forward-each" : std::string("star")) << "\n"
        << "rate_bps=" << options.rateBps << "\n"
        << "delay_us=" << options.delayUs << "\n"
        << "mtu=1500\n"
        << "link_framing=point-to-point (2-byte PPP header; a full segment is 1502 bytes on the wire)\n"
        << "server_queue_bytes=" << options.serverQueue << "\n"
        << "worker_queue_bytes=" << options.workerQueue << "\n"
        << "downlink_rate_bps=10000000000\n"
        << "congestion_control=cubic\n"
        << "tcp=segment 1448 B, IW 10, delayed ACK 2 segments / 40 ms, min RTO " << options.minRtoMs
        << " ms (RTO >= srtt + min RTO), SACK, timestamps, window scaling, PRR recovery, no Nagle, buffers 64 MB\n"
        << "warm_bytes=" << warm << "\n"
        << "gap_ms=" << options.gapMs << "\n"
        << "repeat=" << options.repeat << "\n"
        << "seed=" << options.seed << "\n"
        << "server_queue_drops=" << total.serverDrops << "\n"
        << "worker_queue_drops=" << total.workerDrops << "\n"
        << "tcp_timeouts=" << total.timeouts << "\n"
        << "tcp_fast_recoveries=" << total.recoveries << "\n"
        << "simulated_seconds=" << simulated.GetSeconds() << "\n"
        << "ns3_wall_seconds=" << wall << "\n"
        << "loadavg_before=" << loadBefore << "\n"
        << "loadavg_after=" << LoadAverage() << "\n";
    env.close();
    std::rename((options.out + "/environment.txt.tmp").c_str(), (options.out + "/environment.txt").c_str());
}

} // namespace

int main(int argc, char** argv)
{
    auto options = Parse(argc, argv);
    auto plan = ReadPlan(options.plan, options.workers);
    auto loadBefore = LoadAverage();
    auto wallStart = std::chrono::steady_clock::now();
    RngSeedManager::SetSeed(options.seed);

    Config::SetDefault("ns3::TcpL4Protocol::SocketType", TypeIdValue(TcpCubic::GetTypeId()));
    Config::SetDefault("ns3::TcpL4Protocol::RecoveryType", TypeIdValue(TcpPrrRecovery::GetTypeId()));
    Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1448));
    Config::SetDefault("ns3::TcpSocket::InitialCwnd", UintegerValue(10));
    Config::SetDefault("ns3::TcpSocket::DelAckCount", UintegerValue(2));
    // Linux's delayed-ACK timer starts at 40 ms (TCP_DELACK_MIN); ns-3's default of 200 ms equals the minimum RTO, so
    // a lone last segment's ACK loses the race with the retransmission timer and an idle connection falls into a
    // loop of spurious timeouts with a one-segment window.
    Config::SetDefault("ns3::TcpSocket::DelAckTimeout", TimeValue(MilliSeconds(40)));
    Config::SetDefault("ns3::TcpSocket::TcpNoDelay", BooleanValue(true));
    Config::SetDefault("ns3::TcpSocket::SndBufSize", UintegerValue(67108864));
    Config::SetDefault("ns3::TcpSocket::RcvBufSize", UintegerValue(67108864));
    Config::SetDefault("ns3::TcpSocketBase::MinRto", TimeValue(MilliSeconds(options.minRtoMs)));
    // Linux's RTO is srtt + rttvar with rttvar at least the minimum RTO (200 ms), so never less than srtt + 200 ms;
    // ns-3's is max(MinRto, srtt + max(ClockGranularity, 4 rttvar)): a 200 ms granularity gives Linux's floor.
    Config::SetDefault("ns3::TcpSocketBase::ClockGranularity", TimeValue(MilliSeconds(options.minRtoMs)));
    Config::SetDefault("ns3::TcpSocketBase::Sack", BooleanValue(true));
    Config::SetDefault("ns3::TcpSocketBase::Timestamp", BooleanValue(true));
    Config::SetDefault("ns3::TcpSocketBase::WindowScaling", BooleanValue(true));

    const int m = options.workers;
    if (options.groups > 0)
    {
        Tree tree(options, plan);
        tree.m_warm = options.warm >= 0 ? options.warm : DefaultWarm(options);
        tree.Open(options.out);
        auto end = RunTree(options, tree);
        Simulator::Destroy();
        double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
        if (!tree.Finished())
        {
            std::fprintf(stderr, "sasg-ns3-star: the simulation ended before the last iteration\n");
            return 1;
        }
        std::rename((options.out + "/uploads.csv.tmp").c_str(), (options.out + "/uploads.csv").c_str());
        std::rename((options.out + "/tcp.csv.tmp").c_str(), (options.out + "/tcp.csv").c_str());
        WriteEnvironment(options, tree.m_warm, tree.m_total, end, wall, loadBefore);
        return 0;
    }
    NodeContainer workers;
    workers.Create(m);
    Ptr<Node> router = CreateObject<Node>();
    Ptr<Node> server = CreateObject<Node>();
    InternetStackHelper internet;
    internet.Install(workers);
    internet.Install(router);
    internet.Install(server);

    const std::string fast = "10Gbps";
    const std::string rate = std::to_string(options.rateBps) + "bps";
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("Mtu", UintegerValue(1500));
    Ipv4AddressHelper addresses;
    addresses.SetBase("10.0.0.0", "255.255.255.252");
    TrafficControlHelper tc;
    std::vector<Ipv4Address> workerAddresses;
    auto limit = [](Ptr<NetDevice> device, uint64_t bytes) {
        auto queue = DynamicCast<PointToPointNetDevice>(device)->GetQueue();
        queue->SetMaxSize(QueueSize(QueueSizeUnit::BYTES, static_cast<uint32_t>(bytes)));
        return queue;
    };
    for (int k = 0; k < m; k++)
    {
        p2p.SetChannelAttribute("Delay", TimeValue(NanoSeconds(static_cast<int64_t>(options.delayUs * 1000))));
        auto devices = p2p.Install(workers.Get(k), router);
        devices.Get(0)->SetAttribute("DataRate", DataRateValue(DataRate(rate)));
        devices.Get(1)->SetAttribute("DataRate", DataRateValue(DataRate(fast)));
        auto interfaces = addresses.Assign(devices);
        addresses.NewNetwork();
        tc.Uninstall(devices);
        workerAddresses.push_back(interfaces.GetAddress(0));
        limit(devices.Get(0), options.workerQueue)->TraceConnectWithoutContext("Drop", MakeCallback(&WorkerDrop));
        limit(devices.Get(1), options.serverQueue);
    }
    p2p.SetChannelAttribute("Delay", TimeValue(Seconds(0)));
    auto serverDevices = p2p.Install(router, server);
    serverDevices.Get(0)->SetAttribute("DataRate", DataRateValue(DataRate(rate)));
    serverDevices.Get(1)->SetAttribute("DataRate", DataRateValue(DataRate(fast)));
    auto serverInterfaces = addresses.Assign(serverDevices);
    tc.Uninstall(serverDevices);
    limit(serverDevices.Get(0), options.serverQueue)->TraceConnectWithoutContext("Drop", MakeCallback(&ServerDrop));
    limit(serverDevices.Get(1), options.serverQueue);
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    // Without a queue disc, a full device queue stops the device's flow control and the traffic-control layer drops
    // what IP hands it ("TcDrop"); the queues' own "Drop" never fires then. The router's only congested egress is the
    // server link; a worker's is its uplink.
    router->GetObject<TrafficControlLayer>()->TraceConnectWithoutContext("TcDrop", MakeCallback(&ServerDrop));
    for (int k = 0; k < m; k++)
    {
        workers.Get(k)->GetObject<TrafficControlLayer>()->TraceConnectWithoutContext("TcDrop", MakeCallback(&WorkerDrop));
    }

    Server upload(options, plan, workerAddresses);
    upload.m_warm = options.warm >= 0 ? options.warm : DefaultWarm(options);
    upload.Open(options.out);
    upload.Listen(server);
    std::vector<std::unique_ptr<Worker>> endpoints;
    for (int k = 0; k < m; k++)
    {
        auto socket = Socket::CreateSocket(workers.Get(k), TcpSocketFactory::GetTypeId());
        socket->TraceConnectWithoutContext("CongState", MakeCallback(&CongState));
        endpoints.push_back(std::make_unique<Worker>(k, socket));
        // Connections open one after another (1 us apart) so that the listener's accept order is deterministic.
        Simulator::Schedule(MicroSeconds(k), [socket, address = serverInterfaces.GetAddress(1)] {
            socket->Bind();
            socket->Connect(InetSocketAddress(address, kPort));
        });
    }

    Simulator::Run();
    auto simulated = Simulator::Now();
    Simulator::Destroy();
    double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
    if (!upload.Finished())
    {
        std::fprintf(stderr, "sasg-ns3-star: the simulation ended before the last iteration\n");
        return 1;
    }
    std::rename((options.out + "/uploads.csv.tmp").c_str(), (options.out + "/uploads.csv").c_str());
    std::rename((options.out + "/tcp.csv.tmp").c_str(), (options.out + "/tcp.csv").c_str());

    WriteEnvironment(options, upload.m_warm, upload.m_total, simulated, wall, loadBefore);
    return 0;
}
