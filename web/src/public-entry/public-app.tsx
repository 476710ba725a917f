/**
 * The light public pages: report (公众求助), receipt (查询进度), join (申请加入) and checkpoint
 * (通行证核验), without Ant Design, charts or maps, for a frightened visitor on an old phone and
 * a weak network. The report and receipt pages come with the first chunk; the others (a QR
 * reader, signature checks, the capability grid) are chunks of their own.
 */
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';
import { ReceiptPage } from './receipt-page';
import { ReportFormPage } from './report-form-page';
import { ReportStartPage } from './report-start-page';
import { usePath } from './router';
import { Loading, Notice, PublicShell } from './shell';

const CheckpointPage = lazy(async () => ({ default: (await import('./checkpoint-page')).CheckpointPage }));
const JoinPage = lazy(async () => ({ default: (await import('./join-page')).JoinPage }));

const queryClient = new QueryClient({
  queryCache: new QueryCache(),
  mutationCache: new MutationCache(),
  defaultOptions: {
    queries: {
      retry: (count, error) => count < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      refetchOnWindowFocus: false,
      staleTime: 10_000,
    },
  },
});

function NotFound() {
  const { t } = useTranslation();
  return (
    <PublicShell>
      <Notice tone="warning">{t('public.incidentGone')}</Notice>
    </PublicShell>
  );
}

function Page() {
  const path = usePath();
  const [, first = '', second] = path.split('/').map((part) => decodeURIComponent(part));
  const rest = second ? second : null;
  switch (first) {
    case 'report':
      return rest ? <ReportFormPage key={rest} incidentId={rest} /> : <ReportStartPage />;
    case 'receipt':
      return <ReceiptPage code={rest} />;
    case 'checkpoint':
      return <CheckpointPage />;
    case 'join':
      return <JoinPage />;
    default:
      return <NotFound />;
  }
}

export function PublicApp() {
  useTranslation(); // re-render when the language changes
  return (
    <QueryClientProvider client={queryClient}>
      <Suspense fallback={<Loading />}>
        <Page />
      </Suspense>
    </QueryClientProvider>
  );
}
