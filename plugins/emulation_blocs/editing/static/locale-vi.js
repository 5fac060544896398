// What Decap's Vietnamese locale (decap-cms-locales, "vi") leaves untranslated or in English,
// in Vietnamese; merged over it at start-up (editor.js). tests/test_editor.py checks that every
// key of the English locale is translated by one or the other.
export const COMPLETION = {
  auth: { loginWithAzure: 'Đăng nhập bằng Azure', loginWithForgejo: 'Đăng nhập bằng Forgejo' },
  collection: {
    collectionTop: {
      viewAs: 'Xem dạng', viewAsList: 'Xem dạng danh sách', viewAsGrid: 'Xem dạng lưới',
      newButton: '＋ Bài mới', groupBy: 'Nhóm theo',
    },
    entries: { unpublishedHeader: 'Bài chưa đăng' },
    groups: { other: 'Khác', negateLabel: 'Không phải %{label}' },
  },
  editor: {
    editorControl: { field: { widgetLabel: 'Ô %{widgetLabel}' } },
    editorControlPane: {
      i18n: {
        writingInLocale: 'Đang viết bằng %{locale}',
        copyFromLocale: 'Điền từ ngôn ngữ khác',
        copyFromLocaleConfirm: 'Điền dữ liệu từ ngôn ngữ %{locale}?\nMọi nội dung đang có sẽ bị thay.',
      },
    },
    editorInterface: {
      toggleI18n: 'Bật/tắt đa ngôn ngữ', togglePreview: 'Bật/tắt xem trước',
      toggleScrollSync: 'Cuộn cùng lúc', toggleNotes: 'Bật/tắt ghi chú',
    },
    editorNotesPane: {
      title: 'Ghi chú', emptyState: 'Chưa có ghi chú nào.', addNote: 'Thêm ghi chú',
      addPlaceholder: 'Viết ghi chú…', editPlaceholder: 'Sửa ghi chú…', save: 'Lưu', cancel: 'Hủy',
      edit: 'Sửa', delete: 'Xóa', resolve: 'Đã xong', unresolve: 'Chưa xong',
      confirmDelete: 'Xóa ghi chú này?', shortcut: 'Mẹo: Ctrl+Enter để thêm nhanh',
    },
    editorToolbar: {
      statusInfoTooltipDraft: 'Bài đang là bản nháp. Để gửi duyệt, chọn «Chờ duyệt».',
      statusInfoTooltipInReview: 'Bài đang chờ duyệt; vẫn có thể sửa thêm.',
    },
    editorWidgets: {
      markdown: {
        bold: 'Đậm', italic: 'Nghiêng', strikethrough: 'Gạch ngang', code: 'Mã', link: 'Liên kết',
        linkPrompt: 'Nhập địa chỉ của liên kết', headings: 'Đề mục', quote: 'Trích dẫn',
        bulletedList: 'Danh sách chấm', numberedList: 'Danh sách số', addComponent: 'Thêm thành phần',
        markdown: 'Văn bản Markdown',
        toggleMode: { rich: 'Chuyển sang soạn thảo trực quan', markdown: 'Chuyển sang Markdown' },
      },
      image: {
        chooseMultiple: 'Chọn ảnh', chooseUrl: 'Chèn từ địa chỉ', replaceUrl: 'Thay bằng địa chỉ',
        promptUrl: 'Nhập địa chỉ của ảnh', addMore: 'Thêm ảnh', removeAll: 'Xóa mọi ảnh',
      },
      file: {
        chooseUrl: 'Chèn từ địa chỉ', chooseMultiple: 'Chọn tệp', replaceUrl: 'Thay bằng địa chỉ',
        promptUrl: 'Nhập địa chỉ của tệp', addMore: 'Thêm tệp', removeAll: 'Xóa mọi tệp',
      },
      datetime: { setToNow: 'Đặt «%{fieldLabel}» là hôm nay' },
      list: { add: 'Thêm %{item}', addType: 'Thêm %{item}' },
      object: { expand: 'Mở ra', collapse: 'Thu gọn' },
    },
  },
  mediaLibrary: {
    mediaLibraryCard: { copy: 'Chép', copyUrl: 'Chép địa chỉ', copyPath: 'Chép đường dẫn', copyName: 'Chép tên',
      copied: 'Đã chép' },
    mediaLibraryModal: { close: 'Đóng' },
  },
  ui: {
    settingsDropdown: { account: 'Tài khoản' },
    toast: {
      noteAdded: 'Đã thêm ghi chú', onFailToAddNote: 'Không thêm được ghi chú: %{details}',
      noteUpdated: 'Đã sửa ghi chú', onFailToUpdateNote: 'Không sửa được ghi chú: %{details}',
      noteDeleted: 'Đã xóa ghi chú', onFailToDeleteNote: 'Không xóa được ghi chú: %{details}',
      noteResolved: 'Ghi chú đã xong', noteReopened: 'Mở lại ghi chú',
      onFailToToggleNote: 'Không đổi được ghi chú: %{details}',
    },
  },
};

// Values that are the same in both languages on purpose (placeholders only).
export const SAME_ON_PURPOSE = ['ui.toast.onFailToAuth', 'workflow.workflowCard.lastChangeNoAuthor'];

export function merged(base, extra) {
  const result = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    result[key] = value && typeof value === 'object' ? merged(base[key] || {}, value) : value;
  }
  return result;
}
