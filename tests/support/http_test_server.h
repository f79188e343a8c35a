#pragma once
// A real HTTP/1.1 server on 127.0.0.1 for download tests (runs in the test's thread; the download
// code's own event loop serves it).
#include <QMap>
#include <QSet>
#include <QStringList>
#include <QTcpServer>
#include <QTcpSocket>

namespace pictor::test {

/// A small HTTP/1.1 server: /files/X serves X (Range aware), /cut-once/X sends half of X and hangs
/// up the first time, /html/X answers with a web page, /norange/X ignores Range, anything else 404.
class TestServer : public QObject {
public:
    QMap<QString, QByteArray> files;
    QStringList rangesSeen;
    QSet<QString> cutDone;

    TestServer()
    {
        QObject::connect(&m_server, &QTcpServer::newConnection, [this] {
            while (QTcpSocket* s = m_server.nextPendingConnection()) {
                QObject::connect(s, &QTcpSocket::readyRead, s, [this, s] { onRequest(s); });
                QObject::connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            }
        });
        m_server.listen(QHostAddress::LocalHost);
    }
    QString url(const QString& path) const { return QString("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(path); }

private:
    void onRequest(QTcpSocket* s)
    {
        m_buffer[s] += s->readAll();
        if (!m_buffer[s].contains("\r\n\r\n")) return;
        const QByteArray request = m_buffer.take(s);
        const QList<QByteArray> lines = request.split('\n');
        const QString path = QString::fromLatin1(lines[0].split(' ').value(1));
        qint64 from = 0;
        bool ranged = false;
        for (const QByteArray& l : lines)
            if (l.toLower().startsWith("range: bytes=")) {
                ranged = true;
                from = l.mid(13).trimmed().split('-')[0].toLongLong();
                rangesSeen << QString::fromLatin1(l.trimmed());
            }
        const QString kind = path.section('/', 1, 1), name = path.section('/', 2);
        if (kind == "html") {
            const QByteArray page = "<!DOCTYPE html><html><body>Link does not exist.</body></html>";
            s->write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " + QByteArray::number(page.size()) + "\r\nConnection: close\r\n\r\n" + page);
            s->disconnectFromHost();
            return;
        }
        if (!files.contains(name) || (kind != "files" && kind != "cut-once" && kind != "norange")) {
            s->write("HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\nConnection: close\r\n\r\nnot found");
            s->disconnectFromHost();
            return;
        }
        const QByteArray data = files[name];
        if (kind == "norange") ranged = false, from = 0;
        if (from >= data.size() && ranged) {
            s->write("HTTP/1.1 416 Range Not Satisfiable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            s->disconnectFromHost();
            return;
        }
        const QByteArray body = data.mid(from);
        QByteArray head = ranged ? "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes " + QByteArray::number(from) + "-" +
                                       QByteArray::number(data.size() - 1) + "/" + QByteArray::number(data.size()) + "\r\n"
                                 : QByteArray("HTTP/1.1 200 OK\r\n");
        head += "Content-Type: application/octet-stream\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n";
        s->write(head);
        if (kind == "cut-once" && !cutDone.contains(name)) {
            cutDone.insert(name);
            s->write(body.left(body.size() / 2));
            s->flush();
            s->abort(); // the connection drops mid-transfer
            return;
        }
        s->write(body);
        s->disconnectFromHost();
    }

    QTcpServer m_server;
    QMap<QTcpSocket*, QByteArray> m_buffer;
};

} // namespace pictor::test
