import { NOTICE_CATEGORY_LABELS, type NoticeView } from '@domain/notices/schemas';
import { Card, Grid, Image, ImageViewer, NavBar, SpinLoading, Tag, Toast } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { ApiError, post } from '../../api/client';
import { formatDateTime, useI18n } from '../../i18n';
import { Markdown } from '../../shared/Markdown';

/** One notice, opened: opening it is the read receipt, which the server keeps once per person. */
export function NoticePage({ id, onBack, onRead }: { id: string; onBack(): void; onRead(): void }) {
  const { t, pick, locale } = useI18n();
  const [notice, setNotice] = useState<NoticeView | null>(null);
  const [viewing, setViewing] = useState<number | null>(null);
  useEffect(() => {
    post<NoticeView>(`/notices/${id}/read`)
      .then((n) => {
        setNotice(n);
        onRead();
      })
      .catch((e: unknown) =>
        Toast.show({ content: e instanceof ApiError ? e.messageIn(locale) : String(e) }),
      );
  }, [id, locale, onRead]);

  return (
    <div>
      <NavBar onBack={onBack}>{notice ? pick(NOTICE_CATEGORY_LABELS[notice.category]) : ''}</NavBar>
      {!notice ? (
        <div style={{ display: 'flex', justifyContent: 'center', paddingTop: 80 }}>
          <SpinLoading color="primary" />
        </div>
      ) : (
        <Card style={{ margin: 12 }} data-testid="m-notice-detail">
          <h2 style={{ fontSize: 19, margin: '4px 0 8px', wordBreak: 'break-word' }}>{notice.title}</h2>
          <div style={{ color: '#666', fontSize: 13, marginBottom: 8 }}>
            {notice.pinned && (
              <Tag color="danger" style={{ marginRight: 6 }}>
                {t('pinned')}
              </Tag>
            )}
            {notice.unit.name} · {notice.publisher.name} · {formatDateTime(notice.publishedAt, locale)}
          </div>
          <Markdown source={notice.body} />
          {notice.photos.length > 0 && (
            <Grid columns={3} gap={6} style={{ marginTop: 8 }}>
              {notice.photos.map((p, i) => (
                <Grid.Item key={p.id}>
                  <Image
                    src={p.thumbUrl}
                    fit="cover"
                    style={{ width: '100%', aspectRatio: '1', borderRadius: 6 }}
                    onClick={() => setViewing(i)}
                  />
                </Grid.Item>
              ))}
            </Grid>
          )}
          <ImageViewer.Multi
            images={notice.photos.map((p) => p.url)}
            visible={viewing !== null}
            defaultIndex={viewing ?? 0}
            onClose={() => setViewing(null)}
          />
        </Card>
      )}
    </div>
  );
}
