import { TrustedProxiesSetting } from './trusted-proxies';

describe('TRUSTED_PROXIES', () => {
  it('trusts no proxy unless told', () => {
    expect(TrustedProxiesSetting.parse(undefined)).toEqual([]);
    expect(TrustedProxiesSetting.parse(' ')).toEqual([]);
  });

  it('reads comma-separated IPv4 and IPv6 addresses and CIDR ranges', () => {
    expect(TrustedProxiesSetting.parse('10.0.0.0/8, 192.168.1.7,::1 , fd00::/8')).toEqual([
      '10.0.0.0/8',
      '192.168.1.7',
      '::1',
      'fd00::/8',
    ]);
  });

  it.each(['ingress', '10.0.0.0/33', '10.0.0.256', 'fd00::/129', '10.0.0.0/', '10.0.0.0/8/8', 'loopback'])(
    'refuses %s, naming the value',
    (value) => {
      const result = TrustedProxiesSetting.safeParse(value);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0].message).toContain(value);
    },
  );
});
