-- cermin bench --load: the figures of one wrk run, on one line the
-- benchmark reads (requests, time, errors, latency percentiles in µs).
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "CERMIN requests=%d duration_us=%d status_errors=%d socket_errors=%d p50_us=%d p99_us=%d max_us=%d bytes=%d\n",
    summary.requests, summary.duration, e.status,
    e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99), latency.max, summary.bytes))
end
