#include "atomic_file.h"

#include <pictor/error.h>

#include <QSaveFile>

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace pictor::io {

AtomicFile::AtomicFile(const std::string& path) : m_path(path), m_file(std::make_unique<QSaveFile>(QString::fromStdString(path)))
{
    if (!m_file->open(QIODevice::WriteOnly)) fail(m_file->errorString().toStdString());
}

AtomicFile::~AtomicFile() = default; // QSaveFile removes an uncommitted temporary file

void AtomicFile::fail(const std::string& why)
{
    if (m_file->isOpen()) m_file->cancelWriting();
    throw Error("Cannot write '" + m_path + "': " + why);
}

void AtomicFile::write(const void* data, std::size_t size)
{
    if (m_file->write(static_cast<const char*>(data), qint64(size)) != qint64(size)) fail(m_file->errorString().toStdString());
}

void AtomicFile::commit()
{
    if (!m_file->flush()) fail(m_file->errorString().toStdString());
    if (::fsync(m_file->handle()) != 0) fail(std::strerror(errno));
    if (!m_file->commit()) throw Error("Cannot write '" + m_path + "': " + m_file->errorString().toStdString());
}

void writeFileAtomic(const std::string& path, const std::string& bytes)
{
    AtomicFile file(path);
    file.write(bytes.data(), bytes.size());
    file.commit();
}

} // namespace pictor::io
