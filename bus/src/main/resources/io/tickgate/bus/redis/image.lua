-- tickgate image: a topic's state at its current seq, read atomically.
-- KEYS: meta, state, tail of one topic. ARGV: kind (B book, T trade, L last value).
-- Returns {} for a topic never published, else {epoch, seq, keyframe-or-last ("seq|event" or ""), entries...}:
--   book: the keyframe, then the deltas after it ("seq|event", oldest first); trade: "", then the last trades
--   (oldest first); last value: the last "seq|event".
local h = redis.call('HMGET', KEYS[1], 'epoch', 'seq')
if not h[1] then
  return {}
end
local kind = ARGV[1]
if kind == 'B' then
  local out = {h[1], h[2], redis.call('GET', KEYS[2]) or ''}
  local tail = redis.call('LRANGE', KEYS[3], 0, -1)
  for i = 1, #tail do
    out[#out + 1] = tail[i]
  end
  return out
elseif kind == 'T' then
  local out = {h[1], h[2], ''}
  local trades = redis.call('LRANGE', KEYS[2], 0, -1)
  for i = #trades, 1, -1 do
    out[#out + 1] = trades[i]
  end
  return out
end
return {h[1], h[2], redis.call('GET', KEYS[2]) or ''}
