/**
 * 捐赠/提供资源: anyone, on a phone, without an account, sees what an open incident needs now
 * and what it does not (with the coordinators' reasons), then offers goods, money, a service,
 * equipment or a vehicle, and keeps a reference code to follow the donation. Unwanted goods
 * clog roads and warehouses (a "second disaster"), so the needed list comes first.
 */
import { CheckCircleFilled, RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { offerApi } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { useItemWords, useMoney, useQuantityText } from '../../components/item-words';
import { useSessionQuery } from '../../session';
import type { NeededNow, PublicOfferAnswer } from '../../types';
import { neededKey, OfferForm } from './offer-form';
import { IncidentLine, usePublicIncidents } from './public-parts';
import { PublicShell } from './public-shell';

/** /give: the open incidents to give to. */
export function GiveStartPage() {
  const { t } = useTranslation();
  const incidents = usePublicIncidents();
  const items = incidents.data ?? [];
  return (
    <PublicShell>
      <Typography.Title level={1} className="public-title">
        {t('give.title')}
      </Typography.Title>
      <p className="public-lead">{t('give.intro')}</p>
      <h2 className="public-subtitle">{t('give.chooseIncident')}</h2>
      <ErrorAlert error={incidents.error} />
      {incidents.isPending ? (
        <Spin />
      ) : items.length === 0 ? (
        <p className="public-empty">{t('public.noIncidents')}</p>
      ) : (
        <ul className="public-incidents" data-testid="give-incidents">
          {items.map((incident) => (
            <li key={incident.id}>
              <Link to={`/give/${encodeURIComponent(incident.id)}`} className="public-incident">
                <span className="public-incident-name">{incident.name}</span>
                <IncidentLine incident={incident} />
                <RightOutlined className="public-incident-arrow" aria-hidden="true" />
              </Link>
            </li>
          ))}
        </ul>
      )}
      <p className="public-receipt-link">
        {t('give.needHelp')} <Link to="/report">{t('public.reportLink')}</Link>
      </p>
    </PublicShell>
  );
}

/** What is needed now, and what is not with the coordinators' reasons. */
function NeededLists({ needed }: { needed: NeededNow }) {
  const { t } = useTranslation();
  const words = useItemWords();
  const quantity = useQuantityText();
  const open = needed.needed.filter((n) => n.quantity > 0);
  return (
    <>
      <section className="public-section give-needed" aria-labelledby="give-needed-title">
        <h2 className="public-subtitle" id="give-needed-title">
          {t('give.neededTitle')}
        </h2>
        {open.length === 0 ? (
          <p className="public-empty give-empty">{t('give.neededEmpty')}</p>
        ) : (
          <ul className="give-list" data-testid="needed-now">
            {open.map((n) => (
              <li key={n.item} className="give-line">
                <span className="give-item-name">{words(n.item).name}</span>
                <span className="give-open">{t('offer.stillNeeded', { quantity: quantity(n.quantity, n.item) })}</span>
                {n.pledged > 0 ? (
                  <span className="give-pledged">{t('give.pledged', { quantity: quantity(n.pledged, n.item) })}</span>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      {needed.notNeeded.length > 0 ? (
        <section className="public-section give-not-needed" aria-labelledby="give-not-needed-title">
          <h2 className="public-subtitle" id="give-not-needed-title">
            {t('give.notNeededTitle')}
          </h2>
          <ul className="give-list" data-testid="not-needed">
            {needed.notNeeded.map((n) => (
              <li key={n.item} className="give-line">
                <span className="give-item-name">{words(n.item).name}</span>
                <span className="give-reason">{n.reason}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

/** The offer went through: its reference code, big, and where to follow it. */
function OfferDone({ answer, onAgain }: { answer: PublicOfferAnswer; onAgain: () => void }) {
  const { t } = useTranslation();
  const words = useItemWords();
  const quantity = useQuantityText();
  const money = useMoney();
  const { offer, referenceCode } = answer;
  const what =
    offer.kind === 'money'
      ? money(offer.amountFen)
      : offer.item
        ? `${words(offer.item).name} · ${quantity(offer.quantity, offer.item)}`
        : t(`offer.kind.${offer.kind}`);
  return (
    <div data-testid="offer-done">
      <div className="public-done">
        <CheckCircleFilled className="public-done-icon" aria-hidden="true" />
        <Typography.Title level={1} className="public-title">
          {t('give.doneTitle')}
        </Typography.Title>
        <p className="public-lead">{t('give.doneBody', { what })}</p>
      </div>
      <div className="public-code-box">
        <div className="public-code-caption">{t('give.yourCode')}</div>
        <Typography.Text copyable={{ text: referenceCode }} className="public-code" data-testid="offer-code">
          {referenceCode}
        </Typography.Text>
        <div className="public-code-note">{t('give.keepCode')}</div>
      </div>
      <Link to={`/donation/${encodeURIComponent(referenceCode)}`} data-testid="follow-donation">
        <Button type="primary" size="large" block className="public-submit">
          {t('give.follow')}
        </Button>
      </Link>
      <Button size="large" block className="top-gap" onClick={onAgain}>
        {t('give.again')}
      </Button>
    </div>
  );
}

/** /give/:incidentId: the needed lists, then the form (or, once sent, its reference code). */
export function GiveFormPage() {
  const { t } = useTranslation();
  const { incidentId = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  // A signed-in visitor's cookie needs the CSRF token its session brings.
  useSessionQuery();
  const incidents = usePublicIncidents();
  const incident = incidents.data?.find((i) => i.id === incidentId);
  const needed = useQuery({
    queryKey: neededKey(incidentId),
    queryFn: () => offerApi.needed(incidentId),
    enabled: Boolean(incident),
    refetchInterval: 60_000,
  });
  // Kept in the history entry, so a reload (or going back to it) still shows the code.
  const done = (location.state as { offered?: PublicOfferAnswer } | null)?.offered;

  if (incidents.isPending) {
    return (
      <PublicShell>
        <Spin />
      </PublicShell>
    );
  }
  if (!incident) {
    return (
      <PublicShell>
        <Alert type="warning" showIcon title={t('public.incidentGone')} />
        <p className="public-receipt-link">
          <Link to="/give">{t('public.backToIncidents')}</Link>
        </p>
      </PublicShell>
    );
  }

  return (
    <PublicShell>
      <p className="public-back">
        <Link to="/give">← {t('public.backToIncidents')}</Link>
      </p>
      {done ? (
        <OfferDone
          answer={done}
          onAgain={() => {
            navigate(location.pathname, { replace: true, state: null });
            window.scrollTo({ top: 0 });
          }}
        />
      ) : (
        <>
          <Typography.Title level={1} className="public-title">
            {t('give.formTitle')}
          </Typography.Title>
          <p className="public-lead">
            <span className="strong">{incident.name}</span> <IncidentLine incident={incident} />
          </p>
          <p className="public-lead">{t('give.neededFirst')}</p>
          <p className="public-lead">
            <Link to={`/transparency/${encodeURIComponent(incident.id)}`} data-testid="give-transparency">
              {t('give.transparencyLink')}
            </Link>
          </p>
          <ErrorAlert error={needed.error} />
          {needed.data ? <NeededLists needed={needed.data} /> : needed.isPending ? <Spin /> : null}
          <OfferForm
            incident={incident}
            needed={needed.data}
            onOffered={(answer) => {
              navigate(location.pathname, { replace: true, state: { offered: answer } });
              window.scrollTo({ top: 0 });
            }}
          />
        </>
      )}
      <p className="public-receipt-link">
        {t('give.needHelp')} <Link to="/report">{t('public.reportLink')}</Link>
      </p>
    </PublicShell>
  );
}
