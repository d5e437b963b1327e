// Builds the GeoJSON that Grafana's Geomap panels draw, from the province boundaries in source/ (TopoJSON, MIT, see
// README.md): for each map, the outlines simplified to a size a browser loads quickly, and one point inside each
// province (the markers' gazetteer). Every feature is joined to its agency code through a normalised name, against
// the provinces of src/main/resources/demo/provinces.csv valid on the map's day; the build fails unless every
// feature matches exactly one province and every province one feature. Run: ./build.sh
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import mapshaper from 'mapshaper';

const MAPS = [
	// 63 provinces on 30 June 2025, the day before the merger (Huế is already the city P46-2025).
	{ id: 'P63', source: 'source/provinces-63.topo.json', day: '2025-06-30' },
	// 34 provinces from 1 July 2025.
	{ id: 'P34', source: 'source/provinces-34.topo.json', day: '2025-07-01' },
];
// Share of the vertices kept (mapshaper's Visvalingam simplification), and the coordinates' decimals.
const SIMPLIFY = '6%';
const PRECISION = 0.0001;

/**
 * The name without diacritics, case, province prefixes or abbreviations: the sources write "Hoà"/"Hòa",
 * "Thanh Hoá"/"Thanh Hóa", "TP Hà Nội"/"Hà Nội", "TP HCM"/"Hồ Chí Minh".
 */
export function nameKey(name) {
	let key = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase().trim();
	key = key.replace(/^(tp\.?|thanh pho|tinh)\s+/, '').replace(/\s*-\s*/g, ' - ').replace(/\s+/g, ' ');
	return key === 'hcm' ? 'ho chi minh' : key;
}

function provinces(day) {
	const [header, ...lines] = readFileSync('../../src/main/resources/demo/provinces.csv', 'utf8').trim().split('\n');
	const columns = header.split(',');
	return lines
		.map((line) => Object.fromEntries(line.split(',').slice(0, columns.length).map((v, i) => [columns[i], v])))
		.filter((p) => (!p.valid_from || p.valid_from <= day) && (!p.valid_to || p.valid_to >= day));
}

async function build(map) {
	const byKey = new Map();
	for (const province of provinces(map.day)) {
		const key = nameKey(province.name);
		if (byKey.has(key)) {
			throw new Error(`${map.id}: two provinces named ${key}`);
		}
		byKey.set(key, province);
	}
	const out = await mapshaper.applyCommands(
		`-i source.json -simplify ${SIMPLIFY} keep-shapes -clean -o outlines.json format=geojson precision=${PRECISION} ` +
			`-points inner -o points.json format=geojson precision=${PRECISION}`,
		{ 'source.json': readFileSync(map.source, 'utf8') });
	const matched = new Set();
	const files = {};
	for (const name of ['outlines', 'points']) {
		const geojson = JSON.parse(out[`${name}.json`]);
		for (const feature of geojson.features) {
			const source = feature.properties.ten_tinh;
			const province = byKey.get(nameKey(source));
			if (!province) {
				throw new Error(`${map.id}: no province named like "${source}"`);
			}
			matched.add(province.id);
			// agency_code is the only *_code property: Grafana's gazetteer looks features up by such fields.
			feature.properties = { agency_code: province.id, name: province.name, ten_tinh: source };
		}
		geojson.features.sort((a, b) => a.properties.agency_code.localeCompare(b.properties.agency_code));
		files[name] = geojson;
	}
	if (matched.size !== byKey.size || files.outlines.features.length !== byKey.size) {
		throw new Error(`${map.id}: ${files.outlines.features.length} features, ${matched.size} of ${byKey.size} provinces matched`);
	}
	mkdirSync('dist', { recursive: true });
	const base = `dist/provinces-${map.id.substring(1)}`;
	writeFileSync(`${base}.geojson`, JSON.stringify(files.outlines) + '\n');
	writeFileSync(`${base}-points.geojson`, JSON.stringify(files.points) + '\n');
	console.log(`${map.id}: ${byKey.size} provinces, every feature joined -> ${base}.geojson, ${base}-points.geojson`);
}

for (const map of MAPS) {
	await build(map);
}
