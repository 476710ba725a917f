/** CAP documents for tests. */

/** A CAP alert of another sender (a provincial warning centre) with GB/T 2260 geocodes. */
export function chineseCap(identifier: string, codes: string[], extra = ''): string {
  const geocodes = codes.map((c) => `<geocode><valueName>GB2260</valueName><value>${c}</value></geocode>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>${identifier}</identifier>
  <sender>12379.henan.gov.cn</sender>
  <sent>2026-07-20T08:00:00+08:00</sent>
  <status>Actual</status>
  <msgType>Alert</msgType>
  <scope>Public</scope>${extra}
  <info>
    <language>zh-CN</language>
    <category>Met</category>
    <event>暴雨</event>
    <urgency>Expected</urgency>
    <severity>Severe</severity>
    <certainty>Likely</certainty>
    <expires>2099-07-21T08:00:00+08:00</expires>
    <headline>河南省气象台发布暴雨橙色预警 &amp; 注意防范</headline>
    <area><areaDesc>郑州市</areaDesc>${geocodes}</area>
  </info>
</alert>`;
}
