#include "preview_view.h"

#include <QDragEnterEvent>
#include <QMimeData>
#include <QPainter>
#include <QWheelEvent>

namespace pictor::ui {

PreviewView::PreviewView(QWidget* parent) : QWidget(parent)
{
    setAcceptDrops(true);
    setMinimumSize(256, 256);
    setAccessibleName(tr("Picture preview"));
    setToolTip(tr("The picture as it evolves. Wheel to zoom, drag to pan; drop a picture here to start from it."));
}

void PreviewView::setImage(const QImage& image)
{
    m_source = image;
    m_image = image;
    if (m_tiled && !image.isNull()) {
        m_image = QImage(image.width() * 3, image.height() * 3, image.format());
        QPainter p(&m_image);
        for (int y = 0; y < 3; ++y)
            for (int x = 0; x < 3; ++x) p.drawImage(x * image.width(), y * image.height(), image);
    }
    update();
}

void PreviewView::setTiled(bool tiled)
{
    m_tiled = tiled;
    setImage(m_source);
}

double PreviewView::fitScale() const
{
    if (m_image.isNull()) return 1.0;
    const double fit = std::min(double(width()) / m_image.width(), double(height()) / m_image.height());
    // A small picture (the demo model's 64 px) blown up by a fraction with smoothing is a blur:
    // the largest whole-number zoom that fits keeps every pixel a sharp square.
    if (fit >= 1) return std::floor(fit);
    return std::max(0.01, fit);
}

bool PreviewView::smoothScaling() const
{
    const double s = zoom();
    return std::fabs(s - std::round(s)) > 1e-6 || s < 1;
}

void PreviewView::zoomIn()
{
    m_zoom = std::min(32.0, zoom() * 1.25);
    m_fit = false;
    update();
}

void PreviewView::zoomOut()
{
    m_zoom = std::max(0.05, zoom() / 1.25);
    m_fit = false;
    update();
}

void PreviewView::actualSize()
{
    m_zoom = 1.0;
    m_fit = false;
    m_offset = {};
    update();
}

void PreviewView::fitToWindow()
{
    m_fit = true;
    m_offset = {};
    update();
}

void PreviewView::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Base));
    if (m_image.isNull()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, tr("Type a prompt and press Ctrl+Enter.\nThe picture appears here as it evolves."));
        return;
    }
    const double s = zoom();
    const QSizeF size(m_image.width() * s, m_image.height() * s);
    const QPointF topLeft = QPointF((width() - size.width()) / 2, (height() - size.height()) / 2) + m_offset;
    p.setRenderHint(QPainter::SmoothPixmapTransform, smoothScaling());
    p.drawImage(QRectF(topLeft, size), m_image);
}

void PreviewView::wheelEvent(QWheelEvent* event)
{
    if (event->angleDelta().y() > 0) zoomIn();
    else if (event->angleDelta().y() < 0) zoomOut();
    event->accept();
}

void PreviewView::mousePressEvent(QMouseEvent* event) { m_lastMouse = event->pos(); }

void PreviewView::mouseMoveEvent(QMouseEvent* event)
{
    if (!(event->buttons() & Qt::LeftButton)) return;
    m_offset += event->pos() - m_lastMouse;
    m_lastMouse = event->pos();
    update();
}

void PreviewView::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls()) event->acceptProposedAction();
}

void PreviewView::dropEvent(QDropEvent* event)
{
    for (const QUrl& url : event->mimeData()->urls())
        if (url.isLocalFile()) {
            Q_EMIT imageDropped(url.toLocalFile());
            break;
        }
}

} // namespace pictor::ui
