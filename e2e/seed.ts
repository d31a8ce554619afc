/** Each city's country: a column the city fixes, which the studio writes from it. */
export const COUNTRY_OF: Record<string, string> = { Oslo: 'Norway', Lima: 'Peru', Pune: 'India', '=Evil': 'Nowhere' };

/** A small mixed table with missing values, dates, money, a note among numbers and a formula-looking category, made in code. */
export function seedCsv(rows = 120, delimiter = ','): string {
  const cities = ['Oslo', 'Lima', 'Pune', '=Evil'];
  const lines = [['id', 'age', '"city, name"', 'country', 'joined', 'score', 'member', 'fee'].join(delimiter)];
  for (let i = 0; i < rows; i++) {
    const age = i % 11 === 0 ? '' : String(20 + ((i * 7) % 45));
    const city = cities[i % 4];
    const day = String(1 + (i % 28)).padStart(2, '0');
    const joined = `2023-${String(1 + (i % 12)).padStart(2, '0')}-${day}`;
    const score = i % 10 === 4 ? 'pending' : ((i * 37) % 100 / 10 + 0.05).toFixed(2);
    const fee = `"$${(900 + ((i * 53) % 400) * 7.25).toLocaleString('en-US', { minimumFractionDigits: 2 })}"`;
    lines.push([`R${1000 + i}`, age, city.startsWith('=') ? city : `"${city}"`, COUNTRY_OF[city], joined, score, i % 3 ? 'yes' : 'no', fee].join(delimiter));
  }
  return lines.join('\r\n') + '\r\n';
}
