package org.cockroachdb.mesos.scheduler.loop;

import org.apache.mesos.v1.scheduler.Protos.Call;
import org.cockroachdb.mesos.http.CallResult;

/** Where the loop sends its calls: the subscribed Mesos master. */
public interface MesosCalls {
    CallResult send(Call call);
}
