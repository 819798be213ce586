-- tickgate history: the messages of a topic after a seq, for resume, read atomically with the topic's head.
-- KEYS: meta, stream of one topic. ARGV: epoch, after seq, max age (ms), max length (seqs).
-- The stream's entries (publish.lua) have the id "<last seq they hold>-0" and the fields t (ms), seq, event, ...
-- Returns {} for a topic never published; {epoch, head, "gone"} when the stream cannot replay from after + 1 (other
-- epoch, beyond the last max length seqs, older than max age, trimmed, a gap in between); else
-- {epoch, head, "ok", seq, event, seq, event, ...}.
local h = redis.call('HMGET', KEYS[1], 'epoch', 'seq', 'v')
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
if h[3] ~= '2' or after < head - tonumber(ARGV[4]) then
  return {h[1], h[2], 'gone'}
end
local now = redis.call('TIME')
local nowms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local e = redis.call('XRANGE', KEYS[2], string.format('%d', after + 1), '+')
if #e == 0 or tonumber(e[1][2][2]) < nowms - tonumber(ARGV[3]) then
  return {h[1], h[2], 'gone'}
end
local out = {h[1], h[2], 'ok'}
local expect = after + 1
for k = 1, #e do
  local f = e[k][2]
  for m = 3, #f, 2 do
    local s = tonumber(f[m])
    if s > after then
      if s ~= expect then
        return {h[1], h[2], 'gone'}
      end
      expect = expect + 1
      out[#out + 1] = f[m]
      out[#out + 1] = f[m + 1]
    end
  end
end
if expect ~= head + 1 then
  return {h[1], h[2], 'gone'}
end
return out
