/**
 * The transparency figures as tables: what the charts show, for screen readers, for copying
 * and for anyone who wants the exact numbers. Each table scrolls sideways inside its own box
 * on a phone, with the first column kept in view.
 */
import { useTranslation } from 'react-i18next';
import { useMoney, useNumber } from '../../components/item-words';
import type { TransparencyView } from './transparency-view';

function OrganizationsTable({ view }: { view: TransparencyView }) {
  const { t } = useTranslation();
  const money = useMoney();
  const number = useNumber();
  const yuan = (value: number) => money(Math.round(value * 100));
  const { stages, total } = view.money;
  return (
    <div className="transparency-table-box">
      <table className="transparency-table" data-testid="table-organizations">
        <caption>{t('transparency.byOrganization')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('transparency.organization')}</th>
            {stages.map((s) => (
              <th scope="col" key={s.stage}>
                {t('transparency.moneyColumn', { stage: s.label })}
              </th>
            ))}
            <th scope="col">{t('transparency.goodsDelivered')}</th>
          </tr>
        </thead>
        <tbody>
          {view.organizations.map((o) => (
            <tr key={o.key}>
              <th scope="row">{o.name}</th>
              {stages.map((s) => (
                <td key={s.stage}>{yuan(o.money[s.stage])}</td>
              ))}
              <td className="transparency-text">
                {o.goodsDelivered.length === 0
                  ? '—'
                  : o.goodsDelivered
                      .map((g) => t('transparency.itemQuantity', { name: g.name, quantity: number(g.quantity), unit: g.unit }))
                      .join(t('transparency.listSeparator'))}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('transparency.total')}</th>
            {stages.map((s) => (
              <td key={s.stage} data-stage={s.stage}>
                {yuan(total[s.stage])}
              </td>
            ))}
            <td className="transparency-text">{t('transparency.goodsTotalByItem')}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function ItemsTable({ view }: { view: TransparencyView }) {
  const { t } = useTranslation();
  const number = useNumber();
  const { stages, items } = view.goods;
  return (
    <div className="transparency-table-box">
      <table className="transparency-table" data-testid="table-items">
        <caption>{t('transparency.byItem')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('transparency.item')}</th>
            {stages.map((s) => (
              <th scope="col" key={s.stage}>
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.code}>
              <th scope="row">{i.label}</th>
              {stages.map((s) => (
                <td key={s.stage} data-stage={s.stage}>
                  {number(i.figures[s.stage])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AreasTable({ view }: { view: TransparencyView }) {
  const { t } = useTranslation();
  const number = useNumber();
  const { items, rows } = view.areas;
  return (
    <div className="transparency-table-box">
      <table className="transparency-table" data-testid="table-areas">
        <caption>{t('transparency.byArea')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('transparency.area')}</th>
            <th scope="col">{t('transparency.item')}</th>
            <th scope="col">{t('transparency.goodsStage.delivered')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.flatMap((row) =>
            items
              .filter((item) => row.delivered.has(item.code))
              .map((item) => (
                <tr key={`${row.code}-${item.code}`}>
                  <th scope="row">{row.name}</th>
                  <td className="transparency-text">{item.label}</td>
                  <td>{number(row.delivered.get(item.code) ?? 0)}</td>
                </tr>
              )),
          )}
        </tbody>
      </table>
    </div>
  );
}

/** By organization (money, with the totals), by item and by area. */
export function TransparencyTables({ view }: { view: TransparencyView }) {
  const { t } = useTranslation();
  return (
    <section className="public-section transparency-tables" aria-labelledby="tables-title">
      <h2 className="public-subtitle" id="tables-title">
        {t('transparency.tables')}
      </h2>
      <OrganizationsTable view={view} />
      {view.goods.items.length > 0 ? <ItemsTable view={view} /> : null}
      {view.areas.rows.length > 0 ? <AreasTable view={view} /> : null}
    </section>
  );
}
