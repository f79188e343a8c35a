#include "demo_model_bar.h"

#include "models_dialog.h"
#include "offline_help.h"

#include <pictor/model_manager.h>

#include <QHBoxLayout>
#include <QLabel>
#include <QDir>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

#include <map>

namespace pictor::ui {

namespace {
constexpr const char* kDismissed = "create/demoBarDismissed";

QString sizeText(int64_t bytes) { return QString::fromStdString(byteSizeText(bytes, "?")); }
} // namespace

DemoModelBar::DemoModelBar(QWidget* parent, const QString& registry, const QString& modelsDir) : QFrame(parent)
{
    setObjectName("demoModelBar");
    setFrameShape(QFrame::StyledPanel);
    setAccessibleName(tr("About the demo model"));
    try {
        m_manager = std::make_unique<ModelManager>(registry.isEmpty() ? ModelManager::defaultRegistryPath() : registry.toStdString(),
                                                   modelsDir.isEmpty() ? ModelManager::defaultModelsDir() : modelsDir.toStdString());
    } catch (const std::exception&) {
        m_manager.reset(); // no registry: nothing to offer, the text still says what the demo model knows
    }
    m_text = new QLabel;
    m_text->setWordWrap(true);
    m_status = new QLabel;
    m_status->setWordWrap(true);
    m_status->setVisible(false);
    m_progress = new QProgressBar;
    m_progress->setVisible(false);
    m_get = new QPushButton(tr("Get the recommended models"));
    m_getKorean = new QPushButton(tr("Get the Korean (multilingual) models"));
    m_cancel = new QPushButton(tr("Cancel"));
    m_cancel->setVisible(false);
    auto* close = new QPushButton(QStringLiteral("✕"));
    close->setFlat(true);
    close->setToolTip(tr("Hide this bar (Models ▸ Manage Models has the same models)"));
    close->setAccessibleName(tr("Hide"));

    const QStringList english = offeredModels(false), korean = offeredModels(true);
    auto total = [this](const QStringList& names) {
        int64_t bytes = 0;
        for (const QString& n : names) bytes += m_manager->find(n.toStdString()).approximateBytes;
        return bytes;
    };
    QString text = tr("The demo model draws plain shapes in eight colours on plain backgrounds — try “a red circle on a blue "
                      "background” or “파란 배경의 노란 별”.");
    if (!english.isEmpty())
        text += " " + tr("For pictures of anything, get the recommended models: %1 (%2 in all).").arg(english.join(", "), sizeText(total(english)));
    m_text->setText(text);
    m_get->setVisible(!english.isEmpty());
    m_get->setToolTip(english.join(", "));
    // Offered where the system speaks Korean.
    m_getKorean->setVisible(!korean.isEmpty() && QLocale::system().language() == QLocale::Korean);
    m_getKorean->setToolTip(tr("%1 (%2 in all): prompts and searches in Korean").arg(korean.join(", "), sizeText(total(korean))));

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_get);
    buttons->addWidget(m_getKorean);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_progress, 1);
    buttons->addStretch();
    auto* top = new QHBoxLayout;
    top->addWidget(m_text, 1);
    top->addWidget(close, 0, Qt::AlignTop);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->addLayout(top);
    layout->addLayout(buttons);
    layout->addWidget(m_status);

    connect(m_get, &QPushButton::clicked, this, [this] { askToGetRecommended(false); });
    connect(m_getKorean, &QPushButton::clicked, this, [this] { askToGetRecommended(true); });
    connect(m_cancel, &QPushButton::clicked, this, &DemoModelBar::cancel);
    connect(close, &QPushButton::clicked, this, &DemoModelBar::dismiss);
    setVisible(false);
}

DemoModelBar::~DemoModelBar()
{
    m_cancelFlag = true;
    if (m_worker.joinable()) m_worker.join();
}

QStringList DemoModelBar::offeredModels(bool multilingual) const
{
    QStringList names;
    if (m_manager)
        for (const std::string& n : m_manager->recommendedSet(multilingual)) names << QString::fromStdString(n);
    return names;
}

void DemoModelBar::setDemoModel(bool demo)
{
    setVisible(demo && !QSettings().value(kDismissed, false).toBool());
}

void DemoModelBar::dismiss()
{
    QSettings().setValue(kDismissed, true);
    cancel();
    setVisible(false);
}

void DemoModelBar::cancel() { m_cancelFlag = true; }

void DemoModelBar::askToGetRecommended(bool multilingual)
{
    const QStringList names = offeredModels(multilingual);
    if (names.isEmpty() || isDownloading()) return;
    int64_t total = 0;
    for (const QString& n : names) total += m_manager->find(n.toStdString()).approximateBytes;
    auto* box = new QMessageBox(QMessageBox::Question, tr("Get the recommended models"),
                                tr("Download %1? This is about %2 and goes to %3.")
                                    .arg(names.join(", "), sizeText(total), QDir::toNativeSeparators(QString::fromStdString(m_manager->modelsDir()))),
                                QMessageBox::Yes | QMessageBox::No, this);
    box->setObjectName("confirmDownload");
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, multilingual](int answer) {
        if (answer == QMessageBox::Yes) getRecommended(multilingual);
    });
    box->open();
}

void DemoModelBar::getRecommended(bool multilingual)
{
    const QStringList names = offeredModels(multilingual);
    if (names.isEmpty() || isDownloading()) return;
    std::vector<RegistryModel> models;
    int64_t total = 0;
    for (const QString& n : names) {
        models.push_back(m_manager->find(n.toStdString()));
        total += models.back().approximateBytes;
    }
    m_cancelFlag = false;
    m_get->setEnabled(false);
    m_getKorean->setEnabled(false);
    m_cancel->setVisible(true);
    m_progress->setVisible(true);
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_status->setVisible(true);
    m_status->setText(tr("Downloading %1 (%2)…").arg(names.join(", "), sizeText(total)));
    ModelManager* manager = m_manager.get();
    m_worker = std::thread([this, manager, models, total, names] {
        QString error, offlineHost;
        std::map<std::string, int64_t> received; // bytes on disk of every file so far, by model and file
        try {
            for (const RegistryModel& m : models) {
                if (m_cancelFlag) break;
                manager->download(m, [&](const DownloadProgress& p) {
                    received[m.name + "/" + p.file] = p.received;
                    int64_t now = 0;
                    for (const auto& [file, bytes] : received) now += bytes;
                    QMetaObject::invokeMethod(this, [this, now, total, p] {
                        m_progress->setValue(total > 0 ? int(std::min<int64_t>(1000, 1000 * now / total)) : 0);
                        m_status->setText(tr("%1: %2 of %3 · %4 MiB/s").arg(QString::fromStdString(p.file), sizeText(p.received), sizeText(p.total))
                                              .arg(p.bytesPerSecond / 1048576.0, 0, 'f', 1));
                    }, Qt::QueuedConnection);
                }, &m_cancelFlag);
            }
        } catch (const OfflineError& e) {
            error = QString::fromStdString(e.what());
            offlineHost = QString::fromStdString(e.host());
        } catch (const std::exception& e) {
            error = QString::fromStdString(e.what());
        }
        const bool cancelled = m_cancelFlag;
        QMetaObject::invokeMethod(this, [this, error, offlineHost, cancelled, names] { finish(error, offlineHost, cancelled, names); }, Qt::QueuedConnection);
    });
}

void DemoModelBar::finish(const QString& error, const QString& offlineHost, bool cancelled, const QStringList& names)
{
    if (m_worker.joinable()) m_worker.join();
    m_get->setEnabled(true);
    m_getKorean->setEnabled(true);
    m_cancel->setVisible(false);
    m_progress->setVisible(false);
    if (!offlineHost.isEmpty() && !cancelled) {
        m_status->setText(tr("Not downloaded: this computer seems to be offline (%1 cannot be reached). Connect and press the button again, "
                             "or import files fetched elsewhere.").arg(offlineHost));
        std::vector<RegistryModel> models;
        for (const QString& n : names) models.push_back(m_manager->find(n.toStdString()));
        auto* help = new OfflineHelp(this, *m_manager, models, offlineHost, [this, names](const QString& outcome) {
            m_status->setText(outcome);
            bool all = true;
            for (const QString& n : names) all = all && m_manager->state(m_manager->find(n.toStdString())).installed;
            if (all) finish(QString(), QString(), false, names); // every file brought in: use them, as a download would
        });
        help->open();
        return;
    }
    if (cancelled || !error.isEmpty()) {
        m_status->setText(cancelled ? tr("Stopped. The part downloaded is kept: press the button again to continue.")
                                    : tr("%1 — press the button again to continue.").arg(error));
        return;
    }
    // Switch the window to them: the CLIP with its tokenizer, and the VQGAN.
    for (const QString& n : names) {
        const RegistryModel& m = m_manager->find(n.toStdString());
        if (m.kind == "clip" || m.kind == "vqgan") useInstalledModel(*m_manager, m);
    }
    m_status->setText(tr("Installed and in use: %1.").arg(names.join(", ")));
    Q_EMIT modelsReady();
}

} // namespace pictor::ui
