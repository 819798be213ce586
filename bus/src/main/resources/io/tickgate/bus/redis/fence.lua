-- tickgate fence: a new shard owner claims a topic for its lease generation before it publishes, so that a stale
-- owner's events are refused by publish.lua from now on, and reads the topic's last trade to continue from.
-- KEYS: meta (the topic's hash: gen, last)
-- ARGV: generation
-- Returns {granted ("1", or "0" when the topic already carries a newer generation), the topic's generation,
--   the last trade "seq|event" ("" when none)}
local meta = KEYS[1]
local g = tonumber(ARGV[1])
local h = redis.call('HMGET', meta, 'gen', 'last')
local cur = tonumber(h[1] or '0')
local last = h[2] or ''
if g < cur then
  return {'0', string.format('%d', cur), last}
end
-- also on a topic not published yet: publish.lua keeps the generation when it creates the topic's epoch
redis.call('HSET', meta, 'gen', string.format('%d', g))
return {'1', string.format('%d', g), last}
