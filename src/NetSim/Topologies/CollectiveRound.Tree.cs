using Sasg.NetSim.Network;

namespace Sasg.NetSim.Topologies;

// The tree collective: reduce or gather up to worker 0, then send the result down.
public sealed partial class CollectiveRound
{
    // A tree node sends up once it has computed and has its children's messages; the root then has the result.
    private void UpReady(int w)
    {
        if (--_waiting[w] > 0)
        {
            return;
        }

        _timing.UploadStart[w] = Now;
        if (w == 0)
        {
            HasResult(0);
            return;
        }

        var payload = Operation == CollectiveOperation.AllReduce ? _reduceSize : _subtree[w];
        _carried += payload;
        Network.Forward(w, (w - 1) / 2, DataSize.FromBytes(payload), _onUpDelivered);
    }

    private void OnUpDelivered(Transfer hop) => UpReady(hop.Worker);

    private void HasResult(int w)
    {
        _timing.Reported[w] = Now;
        _finished++;
        if (Kind == CollectiveKind.Tree)
        {
            SendDown(w, (2 * w) + 1);
        }
    }

    private void SendDown(int sender, int child)
    {
        if (child >= _timing.WorkerCount)
        {
            return;
        }

        var payload = Operation == CollectiveOperation.AllReduce ? _reduceSize : _subtree[0];
        _carried += payload;
        Network.Forward(sender, child, DataSize.FromBytes(payload), _onDownDelivered, _onDownSent);
    }

    private void OnDownSent(Transfer hop)
    {
        if (hop.Worker == (2 * hop.Sender) + 1)
        {
            SendDown(hop.Sender, hop.Worker + 1);
        }
    }

    private void OnDownDelivered(Transfer hop) => HasResult(hop.Worker);
}
