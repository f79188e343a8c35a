#pragma once
// The live picture: fitted to the view (a picture smaller than the view by a whole-number zoom
// with crisp pixels, a larger one scaled down smoothly), or zoomed (wheel, +/-) and panned (drag);
// 1:1 shows the real pixels.
#include <QImage>
#include <QWidget>

namespace pictor::ui {

class PreviewView : public QWidget {
    Q_OBJECT
public:
    explicit PreviewView(QWidget* parent = nullptr);
    void setImage(const QImage& image);
    /// The picture as given (without the 3x3 tiling).
    const QImage& image() const { return m_source; }
    /// What is drawn: the picture, or it tiled 3x3 to check a seamless tile's seams.
    const QImage& shownImage() const { return m_image; }
    bool isTiled() const { return m_tiled; }
    double zoom() const { return m_fit ? fitScale() : m_zoom; }
    bool fitsWindow() const { return m_fit; }
    /// Whether the picture is drawn with smooth (bilinear) scaling: only when scaled down or by a
    /// fraction; whole-number zooms show crisp pixels.
    bool smoothScaling() const;

public Q_SLOTS:
    void zoomIn();
    void zoomOut();
    void actualSize();
    void fitToWindow();
    void setTiled(bool tiled);

Q_SIGNALS:
    void imageDropped(const QString& path);

protected:
    void paintEvent(QPaintEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    double fitScale() const;
    QImage m_source;
    QImage m_image;
    bool m_tiled = false;
    double m_zoom = 1.0;
    bool m_fit = true;
    QPointF m_offset;
    QPoint m_lastMouse;
};

} // namespace pictor::ui
