-- tickgate retire: a subscriber saw seq S of epoch E, and Redis now holds E at a lower seq: it lost writes it had
-- acknowledged and published (restarted from an older RDB or AOF, a replica promoted before it had them). Its seqs
-- after that would be handed out again under E, and a client resuming at one of them be given other events as the
-- ones it missed; so the topic's epoch and history are dropped, as if Redis had restarted empty: the next publish
-- starts a new epoch and every subscriber gets a new image. Only while meta still holds E below S (atomic), so a
-- topic that moved on meanwhile is left alone. The lease generation and the last trade (fence.lua) are kept.
-- KEYS: meta, stream, state, tail of one topic. ARGV: epoch E, seq S.
-- Returns {"1"} when the topic was retired, else {"0"}.
local h = redis.call('HMGET', KEYS[1], 'epoch', 'seq')
if h[1] ~= ARGV[1] or tonumber(h[2]) >= tonumber(ARGV[2]) then
  return {'0'}
end
redis.call('HDEL', KEYS[1], 'epoch', 'seq', 'pub', 'bno', 'v')
redis.call('DEL', KEYS[2], KEYS[3], KEYS[4])
return {'1'}
