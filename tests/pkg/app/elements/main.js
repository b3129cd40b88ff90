// The custom elements: each badge's lendseg-result carries the grade segmentRecord gives for the
// same customer. The panel is driven by the test (file input, export button).
import { segmentRecord } from '../node_modules/lendseg/js/index.js';
import { report } from '../shared.js';

const customers = [
  { 行业: 'C13', 从业人员: 250, 营业收入: 150000000, 资产总额: 90000000, 资产负债率: '45%' },
  { industry: 'I65', employees: 8, revenue: 900000 },
];
const fromAttributes = document.getElementById('from-attributes');
const fromProperty = document.getElementById('from-property');
const next = (el) => new Promise((resolve) => el.addEventListener('lendseg-result', (e) => resolve(e.detail), { once: true }));

report(async () => {
  const first = next(fromAttributes);
  await import('../node_modules/lendseg/js/element.js');
  const out = {
    attributes: { event: (await first).grade, direct: segmentRecord({ 行业: 'F52', 从业人员: 60, 营业收入: 6000000 }, { lang: 'en' }).grade },
    shown: fromAttributes.shadowRoot.textContent,
    property: [],
  };
  for (const record of customers) {
    const got = next(fromProperty);
    fromProperty.record = record;
    const detail = await got;
    out.property.push({ event: detail.grade, segment: detail.segment, direct: segmentRecord(record).grade, directSegment: segmentRecord(record).segment });
  }
  return out;
});
