namespace Sasg.NetSim.Network;

// The broadcast (every mode) and the requests that follow the model.
public sealed partial class EventDrivenRound
{
    private void Broadcast(RoundTiming t)
    {
        var workers = t.WorkerCount;
        switch (Options.Broadcast)
        {
            case BroadcastMode.Parallel:
                for (var w = 0; w < workers; w++)
                {
                    SendModel(-1, w);
                }

                t.BroadcastDepth = 1;
                break;
            case BroadcastMode.Sequential:
                SendModel(-1, 0);
                t.BroadcastDepth = 1;
                break;
            default:
                var depth = 0;
                for (var stride = 1; stride < workers + 1; stride <<= 1)
                {
                    depth++;
                }

                t.BroadcastDepth = depth;
                for (var node = 0; node <= workers; node++)
                {
                    // Node r sends at the strides 2^s above r: first the smallest power of two above r.
                    var first = 1;
                    while (first <= node)
                    {
                        first <<= 1;
                    }

                    _treeStride[node] = first;
                }

                TreeSend(0);
                break;
        }
    }

    // Tree ranks: 0 is the server, w + 1 is worker w; rank r sends to r + stride, doubling the stride after each send.
    private void TreeSend(int node)
    {
        var stride = _treeStride[node];
        if (node + stride > _timing.WorkerCount)
        {
            return;
        }

        _treeStride[node] = stride << 1;
        SendModel(node - 1, node + stride - 1);
    }

    private void SendModel(int sender, int receiver)
    {
        _timing.BroadcastSendStart[receiver] = Now;
        if (sender < 0)
        {
            Network.Download(receiver, Options.ModelSize, _onModel, _onModelSent);
        }
        else
        {
            Network.Forward(sender, receiver, Options.ModelSize, _onModel, _onModelSent);
        }
    }

    private void OnModelSent(Transfer model)
    {
        var w = model.Worker;
        switch (Options.Broadcast)
        {
            case BroadcastMode.Sequential when w + 1 < _timing.WorkerCount:
                SendModel(-1, w + 1);
                break;
            case BroadcastMode.BinomialTree:
                TreeSend(model.Sender + 1);
                break;
        }

        // The downlink is clear once the last bit has crossed the sender's uplink latency (a hop's) too.
        if (_actions[w].Uploads && !_requested[w])
        {
            var delay = model.Kind == TransferKind.Forward ? Topology.UplinkArray[model.Sender].Latency.Nanoseconds : 0;
            After(delay, _onClear, w);
        }
    }

    private void OnClear(int w)
    {
        _clear[w] = Now;
        if (Options.Ingress != IngressPolicy.SequentialPull)
        {
            Network.Download(w, Options.RequestSize, _onRequest);
        }
        else if (_pullWaiting == w)
        {
            _pullWaiting = -1;
            Network.Download(w, Options.RequestSize, _onRequest);
        }
    }
}
