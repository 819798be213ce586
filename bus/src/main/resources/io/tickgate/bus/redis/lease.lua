-- tickgate lease: one shard's lease, atomically (both keys share the hash tag {lease:SHARD}: one cluster slot).
-- KEYS: holder (string "node|generation", expires with the lease: PX), generation (counter, INCR per acquisition)
-- ARGV: op (acquire, renew, release, read), node, generation (renew, release), ttl ms (acquire, renew)
-- Returns {owner ("" when free), generation, ttl ms ("0" when free), done ("1" acquired/renewed/released)}
local holder, genkey = KEYS[1], KEYS[2]
local op, node, gen, ttl = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local cur = redis.call('GET', holder)
local owner, curgen = '', redis.call('GET', genkey) or '0'
if cur then
  local bar = string.find(cur, '|', 1, true)
  owner, curgen = string.sub(cur, 1, bar - 1), string.sub(cur, bar + 1)
end
local function answer(done)
  if owner == '' then
    return {'', curgen, '0', done}
  end
  return {owner, curgen, tostring(redis.call('PTTL', holder)), done}
end
if op == 'acquire' then
  if owner == '' then
    curgen = tostring(redis.call('INCR', genkey))
    owner = node
    redis.call('SET', holder, node .. '|' .. curgen, 'PX', ttl)
    return answer('1')
  elseif owner == node then
    redis.call('PEXPIRE', holder, ttl)
    return answer('1')
  end
  return answer('0')
elseif op == 'renew' then
  if owner == node and curgen == gen then
    redis.call('PEXPIRE', holder, ttl)
    return answer('1')
  end
  return answer('0')
elseif op == 'release' then
  if owner == node and curgen == gen then
    redis.call('DEL', holder)
    owner = ''
    return answer('1')
  end
  return answer('0')
end
return answer('0')
