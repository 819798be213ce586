-- tickgate publish: numbers, stores and fans out a batch of events of one or more topics, atomically.
-- KEYS, 4 per topic (all with the hash tag {topic}): meta (hash: epoch, seq, pub, bno), stream (history),
--   state (book: keyframe "seq|event"; trade: list of the last trades "seq|event", newest first; others: the last
--   "seq|event"), tail (book: list of the deltas after the keyframe)
-- ARGV: publisher id, batch number, candidate epoch, publish command (PUBLISH or SPUBLISH), topic count, then per
--   topic: channel, kind (B book, T trade, L last value), history max length, history max age (ms), trade state
--   size, event count, then per event: lost (events dropped before this one), event body, keyframe ("" none,
--   "=" this event is one, else the keyframe's body)
-- The channel gets one message per topic and call: its messages "seq|epoch|event", one per line.
-- Returns per topic: fresh ("1" when the epoch was created by this call), epoch, first seq, last seq ("0" and "0"
--   for a call already applied: the same publisher and batch number, resent after a reconnect).
local pub = ARGV[1]
local bno = tonumber(ARGV[2])
local candidate = ARGV[3]
local pubcmd = ARGV[4]
local topics = tonumber(ARGV[5])
local now = redis.call('TIME')
local nowms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local a = 6
local out = {}
for i = 0, topics - 1 do
  local meta, stream, state, tail = KEYS[4 * i + 1], KEYS[4 * i + 2], KEYS[4 * i + 3], KEYS[4 * i + 4]
  local channel, kind, maxlen = ARGV[a], ARGV[a + 1], ARGV[a + 2]
  local maxage, tradesize, n = tonumber(ARGV[a + 3]), tonumber(ARGV[a + 4]), tonumber(ARGV[a + 5])
  a = a + 6
  -- large histories are trimmed by whole stream nodes ('~': cheap, keeps up to one node more), small ones exactly
  local trim = tonumber(maxlen) >= 1000 and '~' or '='
  local h = redis.call('HMGET', meta, 'epoch', 'seq', 'pub', 'bno')
  local epoch = h[1]
  if epoch and h[3] == pub and tonumber(h[4]) >= bno then
    a = a + 3 * n
    out[#out + 1] = '0'; out[#out + 1] = epoch; out[#out + 1] = '0'; out[#out + 1] = '0'
  else
    local fresh = '0'
    local seq = 0
    if not epoch then
      -- the topic's keys are gone (first publish, Redis restarted empty, flushed, lost in a failover): new epoch
      epoch = candidate
      fresh = '1'
      redis.call('DEL', stream, state, tail)
    else
      seq = tonumber(h[2])
    end
    local first = 0
    local msgs = {}
    local list = {}
    for j = 1, n do
      local lost, body, kf = tonumber(ARGV[a]), ARGV[a + 1], ARGV[a + 2]
      a = a + 3
      if fresh == '1' and j == 1 then
        lost = 0
      end
      seq = seq + 1 + lost
      if j == 1 then
        first = seq
      end
      local s = string.format('%d', seq)
      local entry = s .. '|' .. body
      redis.call('XADD', stream, 'MAXLEN', trim, maxlen, '*', 's', s, 'd', body)
      if kind == 'B' then
        if kf == '' then
          list[#list + 1] = entry
        else
          redis.call('SET', state, kf == '=' and entry or (s .. '|' .. kf))
          redis.call('DEL', tail)
          list = {}
        end
      elseif kind == 'T' then
        if tradesize > 0 then
          list[#list + 1] = entry
        end
      elseif j == n then
        redis.call('SET', state, entry)
      end
      msgs[#msgs + 1] = s .. '|' .. epoch .. '|' .. body
    end
    if #list > 0 then
      if kind == 'B' then
        redis.call('RPUSH', tail, unpack(list))
      else
        redis.call('LPUSH', state, unpack(list))
        redis.call('LTRIM', state, 0, tradesize - 1)
      end
    end
    -- one message per topic and call: the call's messages of the topic, one per line, in seq order
    redis.call(pubcmd, channel, table.concat(msgs, '\n'))
    if maxage > 0 and nowms > maxage then
      redis.call('XTRIM', stream, 'MINID', string.format('%d', nowms - maxage))
    end
    redis.call('HSET', meta, 'epoch', epoch, 'seq', string.format('%d', seq), 'pub', pub, 'bno', ARGV[2])
    out[#out + 1] = fresh; out[#out + 1] = epoch
    out[#out + 1] = string.format('%d', first); out[#out + 1] = string.format('%d', seq)
  end
end
return out
