/**
 * A statement's public page (/statements/:id): its text, the rumours it answers, and — checked
 * here in the browser against /.well-known/jwks.json — the badge "verified signature of 〈agency〉",
 * shown only when the signed token holds exactly the text on the page.
 */
import { SafetyCertificateOutlined, WarningOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { STATEMENT_TYPE } from '../../../../src/model/statement';
import { informationApi, passApi } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { Markdown } from '../../components/markdown';
import type { Jwks, StatementView } from '../../types';
import { verifyCompactJws } from '../../verify-jws';
import { PublicShell } from './public-shell';

/** Whether the token is good and says what the page shows. */
export function signatureHolds(statement: StatementView, jwks: Jwks): boolean {
  const check = verifyCompactJws(statement.jws, jwks, STATEMENT_TYPE);
  if (!check.ok) return false;
  const c = check.claims as {
    sub?: unknown;
    title?: unknown;
    body?: unknown;
    issuer?: { organizationId?: unknown; name?: unknown };
  };
  return (
    c.sub === statement.id &&
    c.title === statement.title &&
    c.body === statement.body &&
    c.issuer?.organizationId === statement.issuer.organizationId &&
    c.issuer?.name === statement.issuer.name
  );
}

export function SignatureBadge({ statement }: { statement: StatementView }) {
  const { t } = useTranslation();
  const keys = useQuery({ queryKey: ['jwks'], queryFn: () => passApi.jwks() });
  if (keys.isPending) return <Spin size="small" />;
  if (keys.data && signatureHolds(statement, keys.data)) {
    return (
      <Tag icon={<SafetyCertificateOutlined />} color="success" data-testid="signature-badge">
        {t('information.verifiedSignature', { agency: statement.issuer.name })}
      </Tag>
    );
  }
  return (
    <Tag icon={<WarningOutlined />} color="error" data-testid="signature-invalid">
      {t('information.signatureInvalid')}
    </Tag>
  );
}

export function StatementPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const statement = useQuery({ queryKey: ['public-statement', id], queryFn: () => informationApi.publicStatement(id) });
  const s = statement.data;
  return (
    <PublicShell>
      <ErrorAlert error={statement.error} />
      {statement.isPending ? (
        <Spin />
      ) : s ? (
        <article data-testid="public-statement">
          <Typography.Title level={1} className="public-title" data-testid="statement-title">
            {s.title}
          </Typography.Title>
          <p>
            <SignatureBadge statement={s} />
          </p>
          <p className="public-lead">
            {s.issuer.name} · {new Date(s.issuedAt).toLocaleString()}
          </p>
          <Markdown text={s.body} testId="statement-body" />
          {s.rumours.length > 0 && (
            <Alert
              type="warning"
              message={t('information.rumoursAnswered')}
              description={
                <ul>
                  {s.rumours.map((r) => (
                    <li key={r.id}>
                      「{r.text}」 — {r.seenWhere}
                    </li>
                  ))}
                </ul>
              }
            />
          )}
          <Typography.Paragraph type="secondary" copyable={{ text: s.jws }}>
            {t('information.jwsHint')}
          </Typography.Paragraph>
        </article>
      ) : null}
    </PublicShell>
  );
}
