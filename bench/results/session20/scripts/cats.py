import re,collections,sys
def parse(fn):
    samples=[];cur=None
    for line in open(fn):
        if not line.strip():
            if cur: samples.append(cur); cur=None
            continue
        if not line.startswith((' ','\t')):
            cur={'head':line,'frames':[]}
        else:
            parts=line.strip().split(None,1)
            sym=parts[1] if len(parts)>1 else parts[0]
            sym=re.sub(r'\+0x[0-9a-f]+','',sym).split(' (')[0]
            cur['frames'].append(sym)
    if cur: samples.append(cur)
    return samples
fn=sys.argv[1]; sends=float(sys.argv[2])
s=parse(fn)
c=collections.Counter()
for x in s:
    comm=re.sub(r'[0-9]','',x['head'].split()[0])[:14]
    f=x['frames']
    if any('__send' in g for g in f):
        sub='send:'
        if any('sock_def_readable' in g for g in f): sub+='wake_receiver'
        elif any('exit_to_user_mode_loop' in g for g in f): sub+='preempted'
        elif any('tcp_v4_rcv' in g for g in f): sub+='rx_path'
        elif any('tcp_write_xmit' in g for g in f): sub+='tx_path'
        elif any('tcp_sendmsg' in g for g in f): sub+='sendmsg_other'
        else: sub+='syscall_other'
        c[comm+' '+sub]+=1
    elif any('epoll' in g for g in f): c[comm+' epoll']+=1
    elif any('futex' in g.lower() for g in f): c[comm+' futex']+=1
    elif any('page_fault' in g for g in f): c[comm+' pagefault']+=1
    else: c[comm+' user/other']+=1
print('==',fn,len(s),'samples; per 1000 sends:', '%.1f'%(len(s)/sends))
for k,v in sorted(c.items(), key=lambda kv:-kv[1])[:14]: print('  %6.2f  %s'%(v/sends,k))
