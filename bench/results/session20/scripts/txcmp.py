import re,collections,sys
exec(open('cats.py').read().split("fn=sys.argv[1]")[0])
for fn,sends in [('script-tickgate.txt',100.),('script-tickgate-2ph.txt',100.),('script-bun.txt',80.)]:
    s=parse(fn); c=collections.Counter()
    for x in s:
        f=x['frames']
        if any('__send' in g for g in f):
            c[f[0]]+=1
    print('==',fn)
    for k,v in c.most_common(22): print('  %5.2f %s'%(v/sends,k))
