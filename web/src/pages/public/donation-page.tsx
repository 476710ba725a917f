/**
 * 捐赠去向: a donor, with the reference code an offer gave them, follows the donation from pledge
 * to delivery — received at which collection point, allocated, on its way, delivered to which
 * area, returned or written off. The code stays in the address bar only, never in storage.
 */
import { CheckCircleFilled } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError, offerApi } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { useItemWords, useMoney, useQuantityText } from '../../components/item-words';
import { useDateTime } from '../../format';
import type { DonationPath, DonationStep } from '../../types';
import { AreaName, PublicCodeForm } from './public-parts';
import { PublicShell } from './public-shell';

function CodeForm({ initial = '' }: { initial?: string }) {
  const { t } = useTranslation();
  return (
    <PublicCodeForm
      id="donation-code"
      path="/donation"
      initial={initial}
      label={t('donation.codeLabel')}
      placeholder={t('donation.codePlaceholder')}
      button={t('donation.look')}
    />
  );
}

/** What a step moved: money in yuan, goods in their unit. */
function useStepAmount(path: DonationPath): (quantity: number) => string {
  const money = useMoney();
  const quantity = useQuantityText();
  return (amount) => (path.offer.kind === 'money' ? money(Math.round(amount * 100)) : quantity(amount, path.offer.item));
}

function Step({ step, amount }: { step: DonationStep; amount: string }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  return (
    <li className={`donation-step donation-step-${step.stage}`} data-stage={step.stage}>
      <span className="donation-step-title">{t(`donation.stage.${step.stage}`)}</span>
      <span className="donation-step-amount">{amount}</span>
      {step.place ? <span className="donation-step-where">{t('donation.at', { place: step.place })}</span> : null}
      {step.jurisdiction ? (
        <span className="donation-step-where">
          {t('donation.toArea')}
          <AreaName code={step.jurisdiction} />
        </span>
      ) : null}
      {step.traced ? <span className="donation-step-traced">{t('donation.traced')}</span> : null}
      <time dateTime={step.at} className="public-history-time">
        {dateTime(step.at)}
      </time>
    </li>
  );
}

/** Keys for steps, which have no id: what they say, and a count for two that say the same. */
function stepKeys(steps: readonly DonationStep[]): [string, DonationStep][] {
  const seen = new Map<string, number>();
  return steps.map((step) => {
    const base = [step.stage, step.at, step.quantity, step.place, step.jurisdiction, step.traced].join('|');
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return [`${base}|${n}`, step];
  });
}

function Path({ path }: { path: DonationPath }) {
  const { t } = useTranslation();
  const words = useItemWords();
  const dateTime = useDateTime();
  const amount = useStepAmount(path);
  const { offer } = path;
  const what =
    offer.kind === 'money'
      ? amount((offer.amountFen ?? 0) / 100)
      : offer.item
        ? `${words(offer.item).name} · ${amount(offer.quantity ?? 0)}`
        : t(`offer.kind.${offer.kind}`);
  return (
    <section data-testid="donation-path">
      <dl className="public-facts">
        <dt>{t('donation.what')}</dt>
        <dd data-testid="donation-what">{what}</dd>
        <dt>{t('donation.status')}</dt>
        <dd>{t(`offer.status.${offer.status}`)}</dd>
        <dt>{t('donation.pledgedAt')}</dt>
        <dd>{dateTime(offer.createdAt)}</dd>
      </dl>
      <h2 className="public-subtitle">{t('donation.path')}</h2>
      {path.steps.length === 0 ? (
        <p className="public-empty">{t('donation.noSteps')}</p>
      ) : (
        <ol className="public-history donation-steps" data-testid="donation-steps">
          {stepKeys(path.steps).map(([key, step]) => (
            <Step key={key} step={step} amount={amount(step.quantity)} />
          ))}
        </ol>
      )}
      {path.steps.some((s) => s.traced) ? <p className="donation-note">{t('donation.tracedNote')}</p> : null}
      <p className="public-receipt-link">
        <Link to={`/transparency/${encodeURIComponent(offer.incidentId)}`} data-testid="donation-transparency">
          {t('donation.incidentFigures')}
        </Link>
      </p>
    </section>
  );
}

/** /donation and /donation/:code. */
export function DonationPage() {
  const { t } = useTranslation();
  const { code: raw } = useParams();
  const code = raw ? raw.trim().toUpperCase() : null;
  const path = useQuery({
    queryKey: ['public', 'donation', code],
    queryFn: () => offerApi.donation(code ?? ''),
    enabled: code !== null,
    refetchInterval: 60_000,
    retry: false,
  });
  // A code of the wrong length is refused by the server's schema: to the donor it is as unknown.
  const missing = path.error instanceof ApiError && (path.error.status === 404 || path.error.status === 400);
  return (
    <PublicShell>
      <Typography.Title level={1} className="public-title">
        {t('donation.title')}
      </Typography.Title>
      {code === null ? (
        <>
          <p className="public-lead">{t('donation.intro')}</p>
          <CodeForm />
        </>
      ) : null}
      {code && path.data ? (
        <div className="public-code-box">
          <div className="public-code-caption">{t('give.yourCode')}</div>
          <Typography.Text copyable={{ text: code }} className="public-code" data-testid="donation-code-shown">
            {code}
          </Typography.Text>
        </div>
      ) : null}
      {code && path.isPending ? <Spin /> : null}
      {missing ? (
        <div data-testid="donation-not-found">
          <Alert type="warning" showIcon title={t('donation.notFound')} className="form-alert" />
          <CodeForm initial={code ?? ''} />
        </div>
      ) : (
        <ErrorAlert error={path.error} />
      )}
      {path.data ? <Path path={path.data} /> : null}
      <p className="public-receipt-link">
        <CheckCircleFilled aria-hidden="true" className="donation-thanks-icon" /> {t('donation.thanks')}{' '}
        <Link to="/give">{t('public.giveLink')}</Link>
        {code ? (
          <>
            {' · '}
            <Link to="/donation">{t('donation.otherCode')}</Link>
          </>
        ) : null}
      </p>
    </PublicShell>
  );
}
