import type syncs from '../en/syncs';

const zhSyncs: Record<keyof typeof syncs, string> = { SYNCS_EMPTY: '尚无定时同步。' };

export default zhSyncs;
