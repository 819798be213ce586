-- tickgate history: the messages of a topic after a seq, for resume, read atomically with the topic's head.
-- KEYS: meta, stream of one topic. ARGV: epoch, after seq, max age (ms).
-- Returns {} for a topic never published; {epoch, head, "gone"} when the stream cannot replay from after + 1 (other
-- epoch, trimmed by count or age, a gap in between); else {epoch, head, "ok", seq, event, seq, event, ...}.
local h = redis.call('HMGET', KEYS[1], 'epoch', 'seq')
if not h[1] then
  return {}
end
local head = tonumber(h[2])
local after = tonumber(ARGV[2])
if h[1] ~= ARGV[1] or after > head or after < 0 then
  return {h[1], h[2], 'gone'}
end
if after == head then
  return {h[1], h[2], 'ok'}
end
local now = redis.call('TIME')
local nowms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local minid = string.format('%d', math.max(0, nowms - tonumber(ARGV[3])))
local n = head - after
local e = redis.call('XREVRANGE', KEYS[2], '+', minid, 'COUNT', n)
if #e ~= n or tonumber(e[1][2][2]) ~= head or tonumber(e[n][2][2]) ~= after + 1 then
  return {h[1], h[2], 'gone'}
end
local out = {h[1], h[2], 'ok'}
for k = n, 1, -1 do
  out[#out + 1] = e[k][2][2]
  out[#out + 1] = e[k][2][4]
end
return out
