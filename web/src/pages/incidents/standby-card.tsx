/**
 * The standby roster (待命名单) on the board: the organizations asked to be ready before a
 * response is declared and their answers. The incident's commanders add and remove
 * organizations while it is in preparedness; an organization answers its own request.
 */
import { CheckOutlined, CloseOutlined, DeleteOutlined, UserAddOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Modal, Popconfirm, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { commandApi } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { NoteModal, type NoteRequest } from '../../components/note-modal';
import { OrganizationName } from '../../components/organization-name';
import { OrganizationPicker } from '../../components/organization-picker';
import { useDateTime } from '../../format';
import type { StandbyAnswer, StandbyRequestView } from '../../types';
import { boardKey, type LiveMode, pollInterval } from './live-updates';

const ANSWER_COLORS: Record<StandbyAnswer, string> = { pending: 'gold', ready: 'green', unavailable: 'default' };

function AskModal({ incidentId, open, onClose }: { incidentId: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ organizationId: string | null; note?: string }>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (values: { organizationId: string | null; note?: string }) => {
    if (!values.organizationId) return;
    setBusy(true);
    setError(null);
    try {
      await commandApi.requestStandby(incidentId, { organizationId: values.organizationId, note: values.note?.trim() || null });
      await queryClient.invalidateQueries({ queryKey: boardKey(incidentId) });
      form.resetFields();
      onClose();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={t('standby.askTitle')}
      okText={t('standby.ask')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={() => {
        setError(null);
        onClose();
      }}
      destroyOnHidden
    >
      {error ? <ErrorAlert error={error} /> : null}
      <Form form={form} name="ask-standby" layout="vertical" onFinish={submit}>
        <Form.Item
          name="organizationId"
          label={t('standby.organization')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <OrganizationPicker />
        </Form.Item>
        <Form.Item name="note" label={t('standby.note')}>
          <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 4 }} placeholder={t('standby.notePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function StandbyCard({ incidentId, live }: { incidentId: string; live: LiveMode }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const { message: toast } = App.useApp();
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const [note, setNote] = useState<NoteRequest | null>(null);
  const roster = useQuery({
    queryKey: [...boardKey(incidentId), 'standby'],
    queryFn: () => commandApi.roster(incidentId),
    refetchInterval: pollInterval(live),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: boardKey(incidentId) });
  const answer = (r: StandbyRequestView, value: 'ready' | 'unavailable') =>
    setNote({
      title: t(`standby.answerTitle.${value}`),
      label: t('standby.answerNote'),
      okText: t(`standby.answer.${value}`),
      run: async (text) => {
        await commandApi.answerStandby(incidentId, r.organizationId, { answer: value, note: text || null });
        await refresh();
        toast.success(t('standby.answered'));
      },
    });
  const manage = roster.data?.viewerCanManage ?? false;

  return (
    <Card
      className="section-card standby-card"
      size="small"
      data-testid="standby-card"
      title={t('standby.title')}
      extra={
        manage ? (
          <Button icon={<UserAddOutlined />} onClick={() => setAsking(true)} data-testid="standby-ask">
            {t('standby.ask')}
          </Button>
        ) : null
      }
    >
      {roster.error ? <ErrorAlert error={roster.error} /> : null}
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        loading={roster.isPending}
        dataSource={roster.data?.items ?? []}
        locale={{ emptyText: t('standby.empty') }}
        columns={[
          { title: t('standby.organization'), dataIndex: 'organizationId', render: (id: string) => <OrganizationName id={id} /> },
          { title: t('standby.note'), dataIndex: 'note', render: (v: string | null) => v ?? '—' },
          {
            title: t('standby.answerLabel'),
            key: 'answer',
            render: (_: unknown, r: StandbyRequestView) => (
              <div>
                <Tag color={ANSWER_COLORS[r.answer]} data-testid={`standby-answer-${r.answer}`}>
                  {t(`standby.answer.${r.answer}`)}
                </Tag>
                {r.answerNote ? <div className="muted small">{r.answerNote}</div> : null}
                {r.answeredAt ? <div className="muted small">{dateTime(r.answeredAt)}</div> : null}
              </div>
            ),
          },
          {
            title: '',
            key: 'actions',
            render: (_: unknown, r: StandbyRequestView & { viewerCanAnswer: boolean }) => (
              <Space wrap>
                {r.viewerCanAnswer ? (
                  <>
                    <Button size="small" icon={<CheckOutlined />} onClick={() => answer(r, 'ready')}>
                      {t('standby.answer.ready')}
                    </Button>
                    <Button size="small" icon={<CloseOutlined />} onClick={() => answer(r, 'unavailable')}>
                      {t('standby.answer.unavailable')}
                    </Button>
                  </>
                ) : null}
                {manage ? (
                  <Popconfirm
                    title={t('standby.removeConfirm')}
                    okText={t('standby.remove')}
                    cancelText={t('common.cancel')}
                    onConfirm={async () => {
                      await commandApi.withdrawStandby(incidentId, r.organizationId);
                      await refresh();
                    }}
                  >
                    <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('standby.remove')} />
                  </Popconfirm>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      <AskModal incidentId={incidentId} open={asking} onClose={() => setAsking(false)} />
      <NoteModal request={note} onClose={() => setNote(null)} />
    </Card>
  );
}
