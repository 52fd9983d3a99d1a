import { DEFAULT_HEAP_MB, decideHeapSize, describeHeapLimit, heapArgs, memoryEnv, readCgroupMemoryLimit, semiSpaceFor } from './heap-size';

const MIB = 1024 * 1024;
const HOST = 16 * 1024 * MIB;

describe('heap sizing', () => {
  it('When the container has a 512Mi limit, then the old space is 70 % of (limit - 128 MB) = 268 MB', () => {
    const decision = decideHeapSize({ cgroupLimitBytes: 512 * MIB, totalMemoryBytes: HOST, nodeOptions: undefined });
    expect(decision).toEqual({ heapMb: 268, source: 'cgroup', limitMb: 512, semiSpaceMb: 8 });
    expect(heapArgs(decision)).toEqual(['--max-old-space-size=268', '--max-semi-space-size=8']);
  });

  it('When the limit is the production 768Mi, tiny, or huge, then the heap follows it within 64..1024 MB', () => {
    const heapFor = (limitMb: number) =>
      decideHeapSize({ cgroupLimitBytes: limitMb * MIB, totalMemoryBytes: HOST, nodeOptions: '' }).heapMb;
    expect(heapFor(768)).toBe(448);
    expect(heapFor(256)).toBe(89);
    expect(heapFor(128)).toBe(64);
    expect(heapFor(8192)).toBe(1024);
  });

  it('When there is no limit, then the documented default applies', () => {
    const decision = decideHeapSize({ cgroupLimitBytes: undefined, totalMemoryBytes: HOST, nodeOptions: '--enable-source-maps' });
    expect(decision).toEqual({ heapMb: DEFAULT_HEAP_MB, source: 'default', semiSpaceMb: 4 });
    expect(heapArgs(decision)).toEqual([`--max-old-space-size=${DEFAULT_HEAP_MB}`, '--max-semi-space-size=4']);
    expect(DEFAULT_HEAP_MB).toBe(128);
  });

  it('When cgroup v1 reports its "no limit" value, or a limit above the machine, then it counts as no limit', () => {
    const v1Unlimited = readCgroupMemoryLimit((path) => {
      if (path === '/sys/fs/cgroup/memory/memory.limit_in_bytes') return '9223372036854771712\n';
      throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    });
    expect(v1Unlimited).toBeGreaterThan(HOST);
    expect(decideHeapSize({ cgroupLimitBytes: v1Unlimited, totalMemoryBytes: HOST, nodeOptions: undefined }).source).toBe('default');
    expect(decideHeapSize({ cgroupLimitBytes: 2 * HOST, totalMemoryBytes: HOST, nodeOptions: undefined }).heapMb).toBe(DEFAULT_HEAP_MB);
  });

  it('When the user set --max-old-space-size in NODE_OPTIONS, then no flag is added', () => {
    for (const nodeOptions of ['--max-old-space-size=300', '--enable-source-maps --max_old_space_size=300', '--max-old-space-size 300']) {
      const decision = decideHeapSize({ cgroupLimitBytes: 512 * MIB, totalMemoryBytes: HOST, nodeOptions });
      expect(decision).toEqual({ heapMb: undefined, source: 'user' });
      expect(heapArgs(decision)).toEqual([]);
    }
    // A similar-looking flag is not the heap flag.
    expect(decideHeapSize({ cgroupLimitBytes: undefined, totalMemoryBytes: HOST, nodeOptions: '--max-semi-space-size=16' }).source).toBe(
      'default',
    );
  });

  it('When sizing the young generation, then each semi-space is 1/32 of the old space as a power of two, 1..16 MB', () => {
    expect([64, 89, 128, 268, 448, 1024, 4096].map(semiSpaceFor)).toEqual([2, 2, 4, 8, 8, 16, 16]);
    expect(semiSpaceFor(8)).toBe(1);
  });

  it('When the user set --max-semi-space-size in NODE_OPTIONS, then the old space is still sized and the young generation is theirs', () => {
    const decision = decideHeapSize({ cgroupLimitBytes: undefined, totalMemoryBytes: HOST, nodeOptions: '--max_semi_space_size=32' });
    expect(decision).toEqual({ heapMb: DEFAULT_HEAP_MB, source: 'default' });
    expect(heapArgs(decision)).toEqual([`--max-old-space-size=${DEFAULT_HEAP_MB}`]);
  });

  it('When the environment sets no MALLOC_ARENA_MAX, then one arena; a value the user set is kept', () => {
    expect(memoryEnv({})).toEqual({ MALLOC_ARENA_MAX: '1' });
    expect(memoryEnv({ MALLOC_ARENA_MAX: '8' })).toEqual({});
  });

  it('When reading the cgroup, then v2 "max" is no limit, v2 bytes are the limit, and no cgroup files is no limit', () => {
    const files = (contents: Record<string, string>) => (path: string) => {
      if (path in contents) return contents[path];
      throw new Error(`ENOENT: ${path}`);
    };
    expect(readCgroupMemoryLimit(files({ '/sys/fs/cgroup/memory.max': 'max\n' }))).toBeUndefined();
    expect(readCgroupMemoryLimit(files({ '/sys/fs/cgroup/memory.max': `${512 * MIB}\n` }))).toBe(512 * MIB);
    expect(readCgroupMemoryLimit(files({ '/sys/fs/cgroup/memory/memory.limit_in_bytes': `${256 * MIB}` }))).toBe(256 * MIB);
    expect(readCgroupMemoryLimit(files({}))).toBeUndefined();
  });

  it('When describing the running process, then the boot line says where its limit came from', () => {
    expect(describeHeapLimit([], { NODE_OPTIONS: '--max-old-space-size=300' })).toBe(
      'heap limit set by NODE_OPTIONS (--max-old-space-size=300)',
    );
    expect(describeHeapLimit([], {})).toMatch(/Node's own default/);
    expect(describeHeapLimit(['--max-old-space-size=999'], {})).toBe('heap limit 999 MB (set on the command line)');
    // (the host running this spec may have a cgroup limit: the decision it makes is the one to describe)
    const here = heapArgs(decideHeapSize({ cgroupLimitBytes: undefined, totalMemoryBytes: HOST, nodeOptions: undefined }));
    expect(describeHeapLimit(here, {})).toMatch(/^heap limit \d+ MB/);
  });
});
