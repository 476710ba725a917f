/**
 * The item catalogue (物资目录): what goods are offered, stocked, needed and shipped as.
 *
 * Classes follow the top level of GB/T 38565-2020 (应急物资分类及编码), whose codes begin
 * with the class digit. We do not know the standard's exact item codes, so every item here
 * carries a local code (`L` + class digit + `-` + four digits) and says so (`codeKind:
 * "local"`); the groups below the class are ours, not the standard's.
 */

import { AppError } from './errors';

/** The top classes of GB/T 38565-2020, by their first digit. */
export const ITEM_CLASSES = ['1', '2', '3'] as const;
export type ItemClass = (typeof ITEM_CLASSES)[number];

export const ITEM_CLASS_NAMES: Record<ItemClass, { zh: string; en: string }> = {
  '1': { zh: '基本生活保障物资', en: 'Basic living supplies' },
  '2': { zh: '应急装备及配套物资', en: 'Emergency equipment and supplies' },
  '3': { zh: '工程材料与机械加工设备', en: 'Engineering materials and machinery' },
};

/** Our own grouping below the class, labelled local. */
export const ITEM_GROUPS = [
  'water',
  'food',
  'shelter',
  'bedding_clothing',
  'hygiene',
  'medical',
  'rescue',
  'power_lighting',
  'communications',
  'flood_control',
  'machinery',
] as const;
export type ItemGroup = (typeof ITEM_GROUPS)[number];

export interface Item {
  /** A local code like `L1-0012`, or a national one once it is known. */
  code: string;
  codeKind: 'local' | 'national';
  itemClass: ItemClass;
  group: ItemGroup;
  nameZh: string;
  nameEn: string;
  /** The unit a quantity of the item counts; a need for the item counts in it too. */
  unitZh: string;
  unitEn: string;
  /** Whether a fraction of a unit can be handed out (litres, kilograms), or only whole units. */
  divisible: boolean;
}

type Row = [code: string, group: ItemGroup, nameZh: string, nameEn: string, unitZh: string, unitEn: string, divisible?: true];

const ROWS: Row[] = [
  ['L1-0001', 'water', '瓶装饮用水（24瓶装）', 'Bottled drinking water (case of 24)', '箱', 'case'],
  ['L1-0002', 'water', '桶装饮用水（18.9升）', 'Drinking water (18.9 L barrel)', '桶', 'barrel'],
  ['L1-0003', 'food', '方便食品', 'Instant food', '箱', 'case'],
  ['L1-0004', 'food', '压缩干粮', 'Compressed biscuits', '箱', 'case'],
  ['L1-0005', 'food', '大米', 'Rice', '千克', 'kg', true],
  ['L1-0006', 'food', '食用油', 'Cooking oil', '升', 'L', true],
  ['L1-0007', 'food', '婴幼儿配方奶粉', 'Infant formula', '罐', 'can'],
  ['L1-0008', 'shelter', '救灾帐篷', 'Relief tent', '顶', 'tent'],
  ['L1-0009', 'shelter', '折叠床', 'Folding bed', '张', 'bed'],
  ['L1-0010', 'shelter', '防潮垫', 'Sleeping mat', '张', 'mat'],
  ['L1-0011', 'bedding_clothing', '棉被', 'Quilt', '床', 'quilt'],
  ['L1-0012', 'bedding_clothing', '毛毯', 'Blanket', '条', 'blanket'],
  ['L1-0013', 'bedding_clothing', '睡袋', 'Sleeping bag', '个', 'bag'],
  ['L1-0014', 'bedding_clothing', '雨衣', 'Raincoat', '件', 'piece'],
  ['L1-0015', 'bedding_clothing', '棉衣', 'Winter coat', '件', 'piece'],
  ['L1-0016', 'hygiene', '卫生用品包', 'Hygiene kit', '套', 'kit'],
  ['L1-0017', 'hygiene', '女性卫生用品', 'Sanitary pads', '包', 'pack'],
  ['L1-0018', 'hygiene', '婴儿纸尿裤', 'Baby diapers', '包', 'pack'],
  ['L1-0019', 'hygiene', '成人纸尿裤', 'Adult diapers', '包', 'pack'],
  ['L1-0020', 'hygiene', '消毒液', 'Disinfectant', '升', 'L', true],
  ['L2-0001', 'medical', '医药急救包', 'First-aid kit', '套', 'kit'],
  ['L2-0002', 'medical', '常用药品包', 'Basic medicines kit', '套', 'kit'],
  ['L2-0003', 'medical', '担架', 'Stretcher', '副', 'stretcher'],
  ['L2-0004', 'rescue', '救生衣', 'Life jacket', '件', 'piece'],
  ['L2-0005', 'rescue', '救生圈', 'Lifebuoy', '个', 'piece'],
  ['L2-0006', 'rescue', '冲锋舟', 'Assault boat', '艘', 'boat'],
  ['L2-0007', 'rescue', '橡皮艇', 'Inflatable boat', '艘', 'boat'],
  ['L2-0008', 'power_lighting', '发电机', 'Generator', '台', 'unit'],
  ['L2-0009', 'power_lighting', '应急照明灯', 'Emergency light', '台', 'unit'],
  ['L2-0010', 'power_lighting', '手电筒', 'Torch', '支', 'piece'],
  ['L2-0011', 'power_lighting', '移动电源', 'Power bank', '个', 'piece'],
  ['L2-0012', 'communications', '卫星电话', 'Satellite phone', '部', 'unit'],
  ['L2-0013', 'communications', '对讲机', 'Two-way radio', '部', 'unit'],
  ['L2-0014', 'water', '净水设备', 'Water purifier', '台', 'unit'],
  ['L2-0015', 'flood_control', '排水泵', 'Drainage pump', '台', 'unit'],
  ['L3-0001', 'flood_control', '编织袋（防汛沙袋）', 'Sandbags', '条', 'bag'],
  ['L3-0002', 'flood_control', '防水篷布', 'Tarpaulin', '块', 'sheet'],
  ['L3-0003', 'machinery', '柴油', 'Diesel fuel', '升', 'L', true],
  ['L3-0004', 'machinery', '挖掘机', 'Excavator', '台', 'unit'],
  ['L3-0005', 'shelter', '活动板房', 'Prefabricated shelter', '套', 'set'],
  ['L3-0006', 'machinery', '铁锹', 'Shovel', '把', 'piece'],
];

/** The catalogue of common relief items, in code order. */
export const ITEMS: readonly Item[] = ROWS.map(([code, group, nameZh, nameEn, unitZh, unitEn, divisible]) => ({
  code,
  codeKind: 'local',
  itemClass: code.charAt(1) as ItemClass,
  group,
  nameZh,
  nameEn,
  unitZh,
  unitEn,
  divisible: divisible === true,
}));

const BY_CODE = new Map(ITEMS.map((item) => [item.code, item]));

/** The catalogue entry of a code, or undefined when the catalogue has none. */
export function findItem(code: string): Item | undefined {
  return BY_CODE.get(code);
}

/** The catalogue entry of a code; an unknown code is refused naming the field. */
export function catalogueItem(code: string, field = 'item'): Item {
  const item = BY_CODE.get(code);
  if (item) return item;
  throw new AppError('unknown_item', { field, detail: `${field}: the item catalogue has no item ${code}` });
}

/** The form of a local item code: `L`, the class digit, a dash, four digits. */
export const LOCAL_ITEM_CODE = /^L[123]-\d{4}$/;

/** A quantity of an item as it can be handed out: whole units of an indivisible item. */
export function handableQuantity(item: Pick<Item, 'divisible'>, quantity: number): number {
  if (item.divisible) return Math.round(quantity * 1000) / 1000;
  return Math.floor(quantity + 1e-9);
}
