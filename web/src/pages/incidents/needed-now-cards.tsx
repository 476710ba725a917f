/**
 * The board's needed-now list (open quantity per catalogue item, and what donors pledged of
 * it) and the not-needed list the coordinators keep, with the reason donors will read on the
 * public offer page.
 */
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Empty, Flex, Form, Input, Popconfirm, Row, Select, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { offerApi } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { FormModal, useFormSubmit } from '../../components/form-modal';
import { useItemOptions, useItemWords, useQuantityText } from '../../components/item-words';
import { useErrorText } from '../../error-text';
import type { IncidentDetail, NeededNow } from '../../types';
import { resourcesKey } from './live-updates';

type NeededRow = NeededNow['needed'][number];
type UnwantedRow = NeededNow['notNeeded'][number];

/** What the mark modal edits: a new mark (no item yet) or the reason of one already there. */
interface Marking {
  item?: string;
  reason?: string;
}

function MarkNotNeededModal({
  incident,
  marking,
  onClose,
}: {
  incident: IncidentDetail;
  marking: Marking | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message: toast } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ item: string; reason: string }>();
  const submission = useFormSubmit(form, [['item'], ['reason']], onClose);
  const options = useItemOptions();
  const words = useItemWords();

  const submit = async ({ item, reason }: { item: string; reason: string }) =>
    submission.run(async () => {
      const lists = await offerApi.markNotNeeded(incident.id, item, reason.trim());
      queryClient.setQueryData([...resourcesKey(incident.id), 'needed'], lists);
      await queryClient.invalidateQueries({ queryKey: resourcesKey(incident.id) });
      toast.success(t('resources.marked', { item: words(item).name }));
      submission.close();
    });

  return (
    <FormModal
      form={form}
      submission={submission}
      open={marking !== null}
      title={marking?.item ? t('resources.editMarkTitle', { item: words(marking.item).name }) : t('resources.markTitle')}
      okText={t('resources.markSubmit')}
    >
      <Form
        form={form}
        name="mark-not-needed"
        layout="vertical"
        initialValues={{ item: marking?.item, reason: marking?.reason }}
        onFinish={submit}
        preserve={false}
      >
        <Typography.Paragraph type="secondary">{t('resources.markIntro')}</Typography.Paragraph>
        <Form.Item name="item" label={t('resources.item')} rules={[{ required: true, message: t('form.required') }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={options}
            disabled={Boolean(marking?.item)}
            placeholder={t('form.choose')}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('resources.reason')}
          extra={t('resources.reasonHint')}
          rules={[{ required: true, whitespace: true, message: t('form.required') }]}
        >
          <Input.TextArea maxLength={500} showCount rows={3} placeholder={t('resources.reasonPlaceholder')} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

export function NeededNowCards({
  incident,
  needed,
  loading,
  error,
}: {
  incident: IncidentDetail;
  needed: NeededNow | undefined;
  loading: boolean;
  error: unknown;
}) {
  const { t } = useTranslation();
  const { message: toast } = App.useApp();
  const { full } = useErrorText();
  const queryClient = useQueryClient();
  const words = useItemWords();
  const quantity = useQuantityText();
  const [marking, setMarking] = useState<Marking | null>(null);
  // The list stays readable once the incident is closed; nobody gives to it any more.
  const coordinate = incident.viewerCanCoordinate && incident.stage !== 'closed';

  const unmark = async (item: string) => {
    try {
      const lists = await offerApi.unmarkNotNeeded(incident.id, item);
      queryClient.setQueryData([...resourcesKey(incident.id), 'needed'], lists);
      toast.success(t('resources.unmarked', { item: words(item).name }));
    } catch (failure) {
      toast.error(full(failure));
    }
  };

  const columns: ColumnsType<NeededRow> = [
    {
      title: t('resources.item'),
      key: 'item',
      render: (_, row) => (
        <span>
          {words(row.item).name} <span className="muted small code-text">{row.item}</span>
        </span>
      ),
    },
    {
      title: t('resources.open'),
      key: 'open',
      width: 130,
      align: 'right',
      render: (_, row) => <span className="strong">{quantity(row.quantity, row.item)}</span>,
    },
    {
      title: t('resources.pledged'),
      key: 'pledged',
      width: 130,
      align: 'right',
      render: (_, row) => (row.pledged > 0 ? quantity(row.pledged, row.item) : <span className="muted">—</span>),
    },
  ];

  const unwantedColumns: ColumnsType<UnwantedRow> = [
    {
      title: t('resources.item'),
      key: 'item',
      width: 170,
      render: (_, row) => <span className="strong">{words(row.item).name}</span>,
    },
    { title: t('resources.reason'), key: 'reason', render: (_, row) => <span className="small">{row.reason}</span> },
  ];
  if (coordinate) {
    unwantedColumns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      render: (_, row) => (
        <Flex gap={4} className="row-actions">
          <Button size="small" type="link" onClick={() => setMarking({ item: row.item, reason: row.reason })}>
            {t('resources.editMark')}
          </Button>
          <Popconfirm
            title={t('resources.unmarkConfirm', { item: words(row.item).name })}
            okText={t('resources.unmark')}
            cancelText={t('common.cancel')}
            onConfirm={() => unmark(row.item)}
          >
            <Button size="small" type="link" data-testid="unmark-not-needed">
              {t('resources.unmark')}
            </Button>
          </Popconfirm>
        </Flex>
      ),
    });
  }

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={13}>
        <Card className="section-card table-card" title={t('resources.neededTitle')} size="small">
          <ErrorAlert error={error} />
          <Table<NeededRow>
            rowKey="item"
            size="small"
            columns={columns}
            dataSource={(needed?.needed ?? []).filter((n) => n.quantity > 0)}
            loading={loading}
            pagination={false}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('resources.neededEmpty')} /> }}
            data-testid="needed-table"
          />
        </Card>
      </Col>
      <Col xs={24} xl={11}>
        <Card
          className="section-card table-card"
          title={t('resources.notNeededTitle')}
          size="small"
          extra={
            coordinate ? (
              <Button size="small" icon={<PlusOutlined />} onClick={() => setMarking({})} data-testid="mark-not-needed">
                {t('resources.mark')}
              </Button>
            ) : null
          }
        >
          <Table<UnwantedRow>
            rowKey="item"
            size="small"
            columns={unwantedColumns}
            dataSource={needed?.notNeeded ?? []}
            loading={loading}
            pagination={false}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('resources.notNeededEmpty')} /> }}
            data-testid="not-needed-list"
          />
        </Card>
      </Col>
      <MarkNotNeededModal incident={incident} marking={marking} onClose={() => setMarking(null)} />
    </Row>
  );
}
